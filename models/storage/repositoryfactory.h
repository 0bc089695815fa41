#pragma once

#include "analyticsrepository.h"
#include "databaseurl.h"

#include <memory>

struct InMemoryData;

/**
 * Opens repositories on one database. Each thread asks for its own (QtSql connections belong to the
 * thread that opened them); for `memory:` they all share the same data.
 *
 * The first open() migrates the schema; a database newer than this binary is refused.
 */
class RepositoryFactory
{
public:
    explicit RepositoryFactory(DatabaseUrl url);
    ~RepositoryFactory();

    const DatabaseUrl &url() const { return m_url; }

    // A repository for the calling thread, or the reason it could not be opened.
    StorageResult<std::shared_ptr<AnalyticsRepository>> open();

private:
    DatabaseUrl m_url;
    std::shared_ptr<InMemoryData> m_memory;
};
