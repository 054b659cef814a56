#pragma once

#include "text.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace tandem::assistant {

// A tiny phrase grammar over folded words, so intents are recognised by the
// shape of the whole sentence — never by a command word found somewhere
// inside a title ("add 'finish the done list'" is an add).
//
// Pattern text: space-separated elements, matched against every word:
//   word            that word
//   a|b|c_d         one of the alternatives; '_' joins words ("get_rid_of")
//   ?a|b, ?{name}   an optional element
//   {name}          a slot: one or more words, captured under `name`
// Slots are tried shortest-first; a validator may refuse a capture (a {date}
// that is not a date), and the next split is tried. A slot followed by a word
// only ends before that word, and a last slot takes the rest, so matching is
// close to linear in the message's length.
class Pattern final
{
public:
    explicit Pattern(const QString &text);

    // Captured slots: name -> [first word, last word].
    using Captures = QHash<QString, std::pair<qsizetype, qsizetype>>;
    using Validator = std::function<bool(const QString &slot, qsizetype first, qsizetype last)>;

    bool match(const QList<Word> &words, qsizetype from, Captures *captures, const Validator &valid = {}) const;
    // Every way the words fit, shortest slots first, until `found` returns true.
    using Found = std::function<bool(const Captures &captures)>;
    void matchAll(const QList<Word> &words, qsizetype from, const Validator &valid, const Found &found) const;

private:
    struct Element
    {
        QList<QStringList> alternatives; // each a word sequence; empty for a slot
        QString slot;
        bool optional = false;
    };
    bool matchFrom(const QList<Word> &words, qsizetype at, qsizetype element, Captures &captures,
                   const Validator &valid, const Found &found) const;
    // Whether a slot may end at `last`: the next required word must follow it.
    bool mayEndAt(const QList<Word> &words, qsizetype last, qsizetype element) const;

    QList<Element> m_elements;
};

} // namespace tandem::assistant
