#pragma once

#include <QString>
#include <QStringList>

namespace tandem::assistant {

// The plain forms a past tense or past participle may come from, most likely
// first: "cleaned" -> clean; "submitted" -> submit; "reserved" -> reserve;
// "paid" -> pay; "sent" -> send. Nothing for a word that is no such form.
QStringList plainFormsOfPast(const QString &folded);

} // namespace tandem::assistant
