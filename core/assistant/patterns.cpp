#include "patterns.h"

namespace tandem::assistant {

Pattern::Pattern(const QString &text)
{
    const QStringList parts = text.split(u' ', Qt::SkipEmptyParts);
    for (QString part : parts) {
        Element element;
        if (part.startsWith(u'?')) {
            element.optional = true;
            part.remove(0, 1);
        }
        if (part.startsWith(u'{') && part.endsWith(u'}')) {
            element.slot = part.mid(1, part.size() - 2);
        } else {
            const QStringList alternatives = part.split(u'|');
            for (const QString &alternative : alternatives)
                element.alternatives.append(alternative.split(u'_'));
        }
        m_elements.append(element);
    }
}

bool Pattern::match(const QList<Word> &words, qsizetype from, Captures *captures, const Validator &valid) const
{
    Captures found;
    const bool matched = matchFrom(words, from, 0, found, valid, [&](const Captures &all) {
        if (captures)
            *captures = all;
        return true;
    });
    return matched;
}

void Pattern::matchAll(const QList<Word> &words, qsizetype from, const Validator &valid, const Found &found) const
{
    Captures captures;
    matchFrom(words, from, 0, captures, valid, found);
}

bool Pattern::mayEndAt(const QList<Word> &words, qsizetype last, qsizetype element) const
{
    if (element + 1 == m_elements.size())
        return last + 1 == words.size(); // the last slot takes the rest
    const Element &next = m_elements.at(element + 1);
    if (next.optional || !next.slot.isEmpty())
        return true;
    if (last + 1 >= words.size())
        return false;
    const QString &word = words.at(last + 1).folded;
    for (const QStringList &alternative : next.alternatives) {
        if (alternative.constFirst() == word)
            return true;
    }
    return false;
}

bool Pattern::matchFrom(const QList<Word> &words, qsizetype at, qsizetype element, Captures &captures,
                        const Validator &valid, const Found &found) const
{
    if (element == m_elements.size())
        return at == words.size() && found(captures);
    const Element &e = m_elements.at(element);
    if (!e.slot.isEmpty()) {
        // An optional slot tries no words first; then each length, shortest first.
        if (e.optional && matchFrom(words, at, element + 1, captures, valid, found))
            return true;
        for (qsizetype last = at; last < words.size(); ++last) {
            if (!mayEndAt(words, last, element))
                continue;
            if (valid && !valid(e.slot, at, last))
                continue;
            captures.insert(e.slot, {at, last});
            if (matchFrom(words, last + 1, element + 1, captures, valid, found))
                return true;
            captures.remove(e.slot);
        }
        return false;
    }
    for (const QStringList &alternative : e.alternatives) {
        if (at + alternative.size() > words.size())
            continue;
        bool same = true;
        for (qsizetype i = 0; i < alternative.size() && same; ++i)
            same = words.at(at + i).folded == alternative.at(i);
        if (same && matchFrom(words, at + alternative.size(), element + 1, captures, valid, found))
            return true;
    }
    return e.optional && matchFrom(words, at, element + 1, captures, valid, found);
}

} // namespace tandem::assistant
