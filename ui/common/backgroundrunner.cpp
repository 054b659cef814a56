#include "backgroundrunner.h"

namespace tandem {

BackgroundRunner::BackgroundRunner(QObject *parent)
    : QObject(parent)
{
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);
    m_pool.setObjectName(QStringLiteral("tandem-store-worker"));
}

BackgroundRunner::~BackgroundRunner()
{
    m_pool.waitForDone();
}

void BackgroundRunner::waitForDone()
{
    m_pool.waitForDone();
}

} // namespace tandem
