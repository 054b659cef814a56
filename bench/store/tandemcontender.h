#pragma once

#include "contender.h"

#include "services/taskservice.h"
#include "store/store.h"

#include <memory>

namespace tandem::bench {

// Opens a Store on `config` (running Tandem's migrations), adds the owner and
// the seed tasks. Used for both sides, so the plain loop runs on a database
// with exactly Tandem's schema and starting data.
Result<std::unique_ptr<Store>> prepareDatabase(const StoreConfig &config, const Workload &work);

// The Tandem side: TaskService::update and TaskService::createMany.
class TandemContender final : public Contender
{
public:
    TandemContender(std::unique_ptr<Store> store, const QUuid &ownerId);
    ~TandemContender() override;
    Q_DISABLE_COPY_MOVE(TandemContender)

    bool edit(const EditInput &input, QString *error) override;
    bool import(const ImportBatch &batch, QString *error) override;

private:
    std::unique_ptr<Store> m_store;
    std::unique_ptr<TaskService> m_service;
    QUuid m_ownerId;
};

} // namespace tandem::bench
