#pragma once

#include <QLoggingCategory>

namespace tandem::store {
Q_DECLARE_LOGGING_CATEGORY(lcStore)
}
