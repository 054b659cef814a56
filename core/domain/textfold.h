#pragma once

#include <QString>
#include <QStringView>

namespace tandem {

// The one rule for matching what people type against what is stored, used by
// TaskQuery (and so by the store's SQL, REST and the dashboard's search), the
// assistant and the quick-add line: full Unicode case folding with accents
// removed and typographic quotes and dashes made plain. "Café", "CAFE" and
// "cafe" fold equal, as do "Straße" and "STRASSE", and "Ana’s" and "ana's".
QString foldForSearch(QStringView text);

// A tag's identity: trimmed, simply case-folded. Tags are unique on a task by
// this key, and a tag filter matches by it ("#Work" is "#work").
QString tagKey(QStringView tag);

} // namespace tandem
