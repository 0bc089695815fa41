#pragma once

#include "alertstore.h"
#include "analyticsrepository.h"
#include "databaseurl.h"

#include <memory>

struct InMemoryData;

/**
 * Opens repositories on one database. Each thread asks for its own (QtSql connections belong to the
 * thread that opened them); for `memory:` they all share the same data.
 *
 * The first open() migrates the schema; a database newer than this binary is refused. Alerts live in
 * the same database: openAlerts() gives the calling thread the alert side of a repository.
 */
class RepositoryFactory
{
public:
    explicit RepositoryFactory(DatabaseUrl url);
    ~RepositoryFactory();

    const DatabaseUrl &url() const { return m_url; }

    // A repository for the calling thread, or the reason it could not be opened.
    StorageResult<std::shared_ptr<AnalyticsRepository>> open();
    StorageResult<std::shared_ptr<AlertStore>> openAlerts();
    // One repository (one connection) seen through both of its interfaces.
    struct Stores
    {
        std::shared_ptr<AnalyticsRepository> samples;
        std::shared_ptr<AlertStore> alerts;
    };
    StorageResult<Stores> openStores();

private:
    template<typename Store> static Stores storesOf(std::shared_ptr<Store> store);

    DatabaseUrl m_url;
    std::shared_ptr<InMemoryData> m_memory;
};
