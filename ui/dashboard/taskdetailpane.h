#pragma once

#include "dashboard/tasklabels.h"
#include "domain/task.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QCompleter;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QStringListModel;
class QTimeEdit;
class QToolButton;

namespace tandem {

class RepeatEditor;
class TaskActions;

// One task's fields beside the list, edited in place. Each field is saved when
// it is committed (Enter or leaving it, a pick in a list or the calendar), not
// per keystroke, through TaskActions with the revision the pane showed. A
// change from elsewhere refreshes the fields not being edited; an edit that
// meets such a change shows the task as it now is, and says so.
class TaskDetailPane final : public QWidget
{
    Q_OBJECT

public:
    explicit TaskDetailPane(TaskActions &actions, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(TaskDetailPane)

    // Shows `task`, every field from it, and clears any message.
    void showTask(const Task &task);
    const Task &task() const { return m_task; }
    bool isDeleted() const { return m_deleted; }
    void setKnownTags(const QStringList &tags);
    void focusTitle();

    QLineEdit *titleEdit() const { return m_title; }
    QPlainTextEdit *notesEdit() const { return m_notes; }
    QCheckBox *dueCheck() const { return m_hasDue; }
    QDateEdit *dateEdit() const { return m_date; }
    QCheckBox *timeCheck() const { return m_hasTime; }
    QTimeEdit *timeEdit() const { return m_time; }
    QToolButton *quickDueButton(QuickDue choice) const;
    RepeatEditor *repeatEditor() const { return m_repeat; }
    QComboBox *priorityBox() const { return m_priority; }
    QComboBox *statusBox() const { return m_status; }
    QLineEdit *tagsEdit() const { return m_tags; }
    QCompleter *tagCompleter() const { return m_completer; }
    QLabel *messageLabel() const { return m_message; }
    QLabel *timesLabel() const { return m_times; }
    QSize sizeHint() const override;

Q_SIGNALS:
    // The user closed the pane (its × button, or Escape with nothing typed and unsaved).
    void closeRequested();
    // The tags field is about to be typed into: answer with setKnownTags()
    // so the completer offers the tags in use now.
    void knownTagsWanted();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    QWidget *createDueRow();
    void fill(const Task &task, bool keepEdits);
    void fillDue(const Due &due);
    void send(const TaskPatch &patch);
    void commitTitle();
    void commitNotes();
    void commitDue();
    void commitTags();
    void commitRepeat(const std::optional<RepeatRule> &rule);
    void setQuickDue(QuickDue choice);
    void completeTag(const QString &text);
    void insertTag(const QString &tag);
    void onCommitted(const Task &task);
    void onUpdated(const Task &task);
    void onConflict(const Task &current);
    void markDeleted(const QUuid &taskId);
    void showMessage(const QString &text);

    TaskActions &m_actions;
    Task m_task;
    qint64 m_baseRevision = 0; // what edits carry; stays behind when a field being edited changed elsewhere
    bool m_deleted = false;
    bool m_inFlight = false;
    TaskPatch m_sent; // the edit on its way
    TaskPatch m_queued; // edits made while one is on its way

    QWidget *m_form = nullptr;
    QLineEdit *m_title = nullptr;
    QPlainTextEdit *m_notes = nullptr;
    QCheckBox *m_hasDue = nullptr;
    QDateEdit *m_date = nullptr;
    QCheckBox *m_hasTime = nullptr;
    QTimeEdit *m_time = nullptr;
    QList<QToolButton *> m_quickDue;
    RepeatEditor *m_repeat = nullptr;
    QComboBox *m_priority = nullptr;
    QComboBox *m_status = nullptr;
    QLineEdit *m_tags = nullptr;
    QCompleter *m_completer = nullptr;
    QStringListModel *m_knownTags = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_times = nullptr;
};

// Tags as typed in the pane: separated by commas or spaces, "#" dropped,
// each once ignoring case, in the order given.
QStringList tagsFromText(const QString &text);

} // namespace tandem
