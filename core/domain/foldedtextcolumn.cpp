#include "foldedtextcolumn.h"

#include <algorithm>
#include <cstring>

namespace tandem {

namespace {

// Where in `needle` the byte that is least common in ordinary text is (by
// English letter frequency; digits, punctuation and the bytes of other
// scripts count as rare), for the search to look for first.
qsizetype rarestByte(const QByteArray &needle)
{
    static constexpr char common[] = " etaoinshrdlcumwfgypbvkjxqz";
    const auto rank = [](char c) -> int {
        const char *found = std::strchr(common, c);
        return c != 0 && found ? int(found - common) : int(sizeof(common));
    };
    qsizetype best = 0;
    for (qsizetype i = 1; i < needle.size(); ++i) {
        if (rank(needle.at(i)) > rank(needle.at(best)))
            best = i;
    }
    return best;
}

} // namespace

qsizetype FoldedTextColumn::append(qsizetype slot, const QString &folded)
{
    const auto record = qsizetype(m_recordStart.size());
    m_recordStart.push_back(m_text.size());
    m_recordSlot.push_back(slot);
    m_text += folded.toUtf8();
    m_text += '\0';
    return record;
}

void FoldedTextColumn::kill(qsizetype record)
{
    m_deadText += recordEnd(record) - m_recordStart[std::size_t(record)];
    m_recordSlot[std::size_t(record)] = -1;
}

void FoldedTextColumn::clear()
{
    m_text.clear();
    m_recordStart.clear();
    m_recordSlot.clear();
    m_deadText = 0;
}

void FoldedTextColumn::replaceWith(QByteArray text, std::vector<qsizetype> starts)
{
    m_text = std::move(text);
    m_recordStart = std::move(starts);
    m_recordSlot.resize(m_recordStart.size());
    for (std::size_t i = 0; i < m_recordSlot.size(); ++i)
        m_recordSlot[i] = qsizetype(i);
    m_deadText = 0;
}

void FoldedTextColumn::search(const QString &folded, std::vector<bool> &hit) const
{
    const QByteArray needle = folded.toUtf8();
    if (needle.isEmpty())
        return;
    const char *const begin = m_text.constData();
    const char *const end = begin + m_text.size();
    // memchr() (vectorised in every C library) finds the needle's rarest
    // byte; only there is the whole needle compared. UTF-8 keeps the buffer
    // small, and a whole UTF-8 needle can only match at a character's start.
    const qsizetype anchor = rarestByte(needle);
    const char anchorByte = needle.at(anchor);
    const auto length = std::size_t(needle.size());
    for (const char *at = begin + anchor; at < end;) {
        at = static_cast<const char *>(std::memchr(at, anchorByte, std::size_t(end - at)));
        if (!at)
            break;
        const char *start = at - anchor;
        if (std::size_t(end - start) < length)
            break;
        if (std::memcmp(start, needle.constData(), length) != 0) {
            ++at;
            continue;
        }
        // A hit names its record, and the rest of that record is skipped.
        const auto record = std::size_t(std::upper_bound(m_recordStart.cbegin(), m_recordStart.cend(), start - begin)
                                        - m_recordStart.cbegin() - 1);
        if (const qsizetype slot = m_recordSlot[record]; slot >= 0)
            hit[std::size_t(slot)] = true;
        if (record + 1 >= m_recordStart.size())
            break;
        at = begin + m_recordStart[record + 1] + anchor;
    }
}

} // namespace tandem
