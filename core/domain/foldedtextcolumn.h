#pragma once

#include <QByteArray>
#include <QString>

#include <vector>

namespace tandem {

// Every task's folded search text (taskSearchText()) in one UTF-8 buffer, so
// a search over 100,000 tasks reads a few contiguous megabytes instead of
// 100,000 strings. Shared by the in-memory indexes that search tasks as
// people type: the assistant's catalog and the desktop's replica.
//
// Each task ("slot", numbered by its owner) has one live record; a changed
// task gets a new record and its old one dies. The buffer is rewritten when
// most of it is dead (compactIfWasteful()).
class FoldedTextColumn final
{
public:
    // Appends `folded` for `slot`; returns its record number.
    qsizetype append(qsizetype slot, const QString &folded);
    // The record's task changed or went.
    void kill(qsizetype record);
    // The record's task now lives in another slot.
    void moveSlot(qsizetype record, qsizetype slot) { m_recordSlot[std::size_t(record)] = slot; }
    void clear();

    // Rewrites the buffer with only the live records when most of it is
    // dead. `recordOf(slot)` gives a reference to each slot's record number
    // (for slots 0..slotCount-1), which is updated to the new numbering.
    template<typename RecordOf> void compactIfWasteful(qsizetype slotCount, RecordOf recordOf)
    {
        if (m_deadText <= minCompaction || m_deadText * 2 <= m_text.size())
            return;
        QByteArray text;
        text.reserve(m_text.size() - m_deadText);
        std::vector<qsizetype> starts;
        starts.reserve(std::size_t(slotCount));
        for (qsizetype slot = 0; slot < slotCount; ++slot) {
            qsizetype &record = recordOf(slot);
            const qsizetype from = m_recordStart[std::size_t(record)];
            const qsizetype end = recordEnd(record);
            record = qsizetype(starts.size());
            starts.push_back(text.size());
            text += QByteArrayView(m_text).sliced(from, end - from);
        }
        replaceWith(std::move(text), std::move(starts));
    }

    // Marks hit[slot] for every live record containing `folded` (already
    // folded by foldForSearch(); empty marks nothing). `hit` has one element per slot.
    void search(const QString &folded, std::vector<bool> &hit) const;

private:
    // Text below this is never worth rewriting the buffer for.
    static constexpr qsizetype minCompaction = 1 << 16;
    qsizetype recordEnd(qsizetype record) const
    {
        const auto next = std::size_t(record + 1);
        return next < m_recordStart.size() ? m_recordStart[next] : m_text.size();
    }
    void replaceWith(QByteArray text, std::vector<qsizetype> starts);

    // Each record's text followed by a NUL (never in a search).
    QByteArray m_text;
    std::vector<qsizetype> m_recordStart; // ascending
    std::vector<qsizetype> m_recordSlot; // -1: dead
    qsizetype m_deadText = 0;
};

} // namespace tandem
