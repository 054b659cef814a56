#include "tandemcontender.h"

namespace tandem::bench {

Result<std::unique_ptr<Store>> prepareDatabase(const StoreConfig &config, const Workload &work)
{
    auto store = Store::open(config);
    if (!store)
        return store.error();
    const User owner{work.ownerId, QStringLiteral("bench"), QString(), QDateTime::currentDateTimeUtc()};
    if (auto inserted = store.value()->insertUser(owner); !inserted)
        return inserted.error();
    if (!work.seed.isEmpty()) {
        TaskService service(*store.value());
        if (auto seeded = service.createMany(work.ownerId, work.seed); !seeded)
            return seeded.error();
    }
    return store;
}

TandemContender::TandemContender(std::unique_ptr<Store> store, const QUuid &ownerId)
    : m_store(std::move(store))
    , m_service(std::make_unique<TaskService>(*m_store))
    , m_ownerId(ownerId)
{ }

TandemContender::~TandemContender()
{
    m_service.reset();
    m_store.reset();
}

bool TandemContender::edit(const EditInput &input, QString *error)
{
    TaskPatch patch;
    patch.title = input.title;
    patch.priority = input.priority;
    auto changed = m_service->update(m_ownerId, input.taskId, patch);
    if (!changed)
        *error = changed.error().toString();
    return changed.ok();
}

bool TandemContender::import(const ImportBatch &batch, QString *error)
{
    auto created = m_service->createMany(m_ownerId, batch.drafts);
    if (!created)
        *error = created.error().toString();
    return created.ok();
}

} // namespace tandem::bench
