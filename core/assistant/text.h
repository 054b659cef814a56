#pragma once

#include <QList>
#include <QString>
#include <QStringView>

namespace tandem::assistant {

// A word of a message with where it came from, so a phrase matched on folded
// words can be cut out of the original text.
struct Word
{
    QString folded; // foldForSearch(original)
    qsizetype start = 0; // UTF-16 offset in the original message
    qsizetype length = 0;
    bool respelled = false; // `folded` corrects a typo of the original
};

// Splits into words: letters, digits and the joiners ' - # : / . inside
// them; punctuation between words is dropped ("Hi, Bob!" -> hi, bob).
QList<Word> splitWords(QStringView text);

// The original text covering words [first, last].
QStringView originalSpan(QStringView text, const QList<Word> &words, qsizetype first, qsizetype last);

// Damerau–Levenshtein distance (adjacent transpositions count as one), capped:
// returns `cap + 1` as soon as the distance is known to exceed `cap`.
int editDistance(QStringView a, QStringView b, int cap);

// A folded word without a light English inflection: "reports" -> "report",
// "calling" -> "call", "parties" -> "party"; other words as they are.
QString wordStem(const QString &folded);

// "1", "first", "1st", "one" -> 1 ... up to 20; 0 when not a number word.
int ordinalOrNumber(QStringView folded);

} // namespace tandem::assistant
