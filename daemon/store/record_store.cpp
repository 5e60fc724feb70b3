#include "store/record_store.hpp"

namespace carewatch::store {

RecordStore::RecordStore(Database& db) : db_(db) {}

}  // namespace carewatch::store
