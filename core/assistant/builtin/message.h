#pragma once

#include "assistant/text.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>
#include <initializer_list>

namespace tandem::assistant {

// A message as the engine reads it: words folded for matching (contractions
// apart, courtesy gone, command words spelled right), each still pointing at
// the stretch of the original text it came from, so titles are cut out as typed.
struct Message
{
    QString text; // trimmed, without the final punctuation
    QList<Word> words; // a quoted stretch is one word, folded to quoteMarker()
    QHash<qsizetype, QString> quotes; // word index -> the literal text inside the quotes
    bool question = false; // it ended with '?'

    static const QString &quoteMarker();

    QString span(qsizetype first, qsizetype last) const { return originalSpan(text, words, first, last).toString(); }
    // The same stretch with misspelled date words corrected ("move it to tommorow" ->
    // "... tomorrow"): what dates are read from, titles included ("remote" stays "remote").
    QString corrected(qsizetype first, qsizetype last) const;
    bool isQuote(qsizetype i) const { return quotes.contains(i); }
    // The literal title a slot names: a single quoted word, else the words as written.
    QString literal(qsizetype first, qsizetype last) const;
    // Whether `mark` stands between word i and the next word (or the end): "report: ask".
    bool markAfter(qsizetype i, QChar mark) const;
    // The folded words [first, last].
    QStringList folded(qsizetype first, qsizetype last) const;
    QString word(qsizetype i) const { return i >= 0 && i < words.size() ? words.at(i).folded : QString(); }

    // Removes `count` words at `at`, keeping the quotes' indexes right.
    void removeWords(qsizetype at, qsizetype count);
    // The same message reduced to words [first, last].
    Message slice(qsizetype first, qsizetype last) const;
};

// Reads `raw`: quotes become single words; contractions come apart ("isn't"
// -> "is not", "I've" -> "i have", "it's" -> "it is"); "X's due date" splits
// off the possessive. Words of the user's task titles (`isTitleWord`) are never
// respelled; any other word one typo away from a command or date word is
// ("compelte" -> "complete", "tommorow" -> "tomorrow").
Message readMessage(const QString &raw, const std::function<bool(const QString &)> &isTitleWord = {});

// Drops courtesy around a request: "please", "can you", "hey tandem", "... for me", "... thanks".
void stripCourtesy(Message &m);

bool isOneOf(QStringView word, std::initializer_list<const char16_t *> options);
// Whether the whole message is one of `phrases` (each a list of folded words).
bool wholeMessageIs(const Message &m, std::initializer_list<std::initializer_list<const char16_t *>> phrases);

} // namespace tandem::assistant
