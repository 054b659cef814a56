#pragma once

#include <QStringView>

namespace tandem {

// Orders UTF-16 text by code point (-1, 0 or 1), as SQLite and PostgreSQL
// ("C") order UTF-8 bytes: the one text order of lists sorted by title,
// whether the store sorts them or a view does in memory.
int compareCodePoints(QStringView a, QStringView b);

} // namespace tandem
