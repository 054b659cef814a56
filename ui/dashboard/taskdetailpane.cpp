#include "taskdetailpane.h"

#include "dashboard/repeateditor.h"
#include "dashboard/taskactions.h"
#include "domain/textfold.h"

#include <QAbstractItemView>
#include <QCalendarWidget>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDateEdit>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSet>
#include <QStringListModel>
#include <QTimeEdit>
#include <QToolButton>
#include <QVBoxLayout>

namespace tandem {

namespace {

const QRegularExpression &tagSeparators()
{
    static const QRegularExpression separators(QStringLiteral("[,\\s]+"));
    return separators;
}

QString timestampText(const QDateTime &at)
{
    return at.isValid() ? QLocale().toString(at.toLocalTime(), QLocale::ShortFormat) : QString();
}

} // namespace

QStringList tagsFromText(const QString &text)
{
    QStringList tags;
    QSet<QString> seen;
    for (QString tag : text.split(tagSeparators(), Qt::SkipEmptyParts)) {
        while (tag.startsWith(u'#'))
            tag.remove(0, 1);
        if (tag.isEmpty())
            continue;
        if (const QString key = tagKey(tag); !seen.contains(key)) {
            seen.insert(key);
            tags.append(tag);
        }
    }
    return tags;
}

TaskDetailPane::TaskDetailPane(TaskActions &actions, QWidget *parent)
    : QWidget(parent)
    , m_actions(actions)
{
    setObjectName(QStringLiteral("taskDetailPane"));
    setAccessibleName(tr("Task details"));
    setMinimumWidth(260);

    auto *heading = new QLabel(tr("Details"), this);
    QFont headingFont = heading->font();
    headingFont.setBold(true);
    heading->setFont(headingFont);
    auto *close = new QToolButton(this);
    close->setText(QStringLiteral("×"));
    close->setAutoRaise(true);
    close->setToolTip(tr("Close the details (Esc)"));
    close->setAccessibleName(tr("Close details"));

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("paneMessage"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    // Tooltip colours: a notice that stands out on light and dark palettes alike.
    m_message->setAutoFillBackground(true);
    m_message->setBackgroundRole(QPalette::ToolTipBase);
    m_message->setForegroundRole(QPalette::ToolTipText);
    m_message->setFrameShape(QFrame::StyledPanel);
    m_message->setMargin(6);
    m_message->hide();

    m_form = new QWidget(this);
    m_title = new QLineEdit(m_form);
    m_title->setMaxLength(int(TaskLimits::MaxTitle) * 2);
    m_title->setAccessibleName(tr("Title"));
    m_notes = new QPlainTextEdit(m_form);
    m_notes->setPlaceholderText(tr("Notes"));
    m_notes->setAccessibleName(tr("Notes"));
    m_notes->setTabChangesFocus(true);
    m_notes->installEventFilter(this);
    m_repeat = new RepeatEditor(m_form);
    m_repeat->choiceBox()->installEventFilter(this);
    m_priority = new QComboBox(m_form);
    for (TaskPriority priority : taskPriorities())
        m_priority->addItem(priorityLabel(priority, true), int(priority));
    m_status = new QComboBox(m_form);
    for (TaskStatus status : taskStatuses())
        m_status->addItem(statusLabel(status), int(status));
    for (QComboBox *box : {m_priority, m_status}) {
        box->setFocusPolicy(Qt::StrongFocus);
        box->installEventFilter(this);
    }
    m_tags = new QLineEdit(m_form);
    m_tags->setPlaceholderText(tr("work, home"));
    m_tags->setAccessibleName(tr("Tags"));
    m_tags->installEventFilter(this);
    m_knownTags = new QStringListModel(this);
    m_completer = new QCompleter(m_knownTags, this);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setWidget(m_tags);
    m_times = new QLabel(m_form);
    m_times->setForegroundRole(QPalette::PlaceholderText);
    m_times->setWordWrap(true);

    auto *form = new QFormLayout(m_form);
    form->setContentsMargins(0, 0, 0, 0);
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    form->addRow(tr("&Title"), m_title);
    form->addRow(tr("&Due"), createDueRow());
    form->addRow(tr("&Repeat"), m_repeat);
    form->addRow(tr("&Priority"), m_priority);
    form->addRow(tr("&Status"), m_status);
    form->addRow(tr("T&ags"), m_tags);
    form->addRow(tr("&Notes"), m_notes);
    form->addRow(m_times);

    auto *top = new QHBoxLayout;
    top->addWidget(heading, 1);
    top->addWidget(close);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_message);
    layout->addWidget(m_form, 1);

    connect(close, &QToolButton::clicked, this, &TaskDetailPane::closeRequested);
    connect(m_title, &QLineEdit::editingFinished, this, &TaskDetailPane::commitTitle);
    connect(m_tags, &QLineEdit::editingFinished, this, &TaskDetailPane::commitTags);
    connect(m_tags, &QLineEdit::textEdited, this, &TaskDetailPane::completeTag);
    connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this, &TaskDetailPane::insertTag);
    connect(m_priority, &QComboBox::activated, this, [this](int index) {
        TaskPatch patch;
        patch.priority = TaskPriority(m_priority->itemData(index).toInt());
        send(patch);
    });
    connect(m_repeat, &RepeatEditor::ruleChosen, this, &TaskDetailPane::commitRepeat);
    connect(m_status, &QComboBox::activated, this, [this](int index) {
        TaskPatch patch;
        patch.status = TaskStatus(m_status->itemData(index).toInt());
        send(patch);
    });
    connect(&m_actions, &TaskActions::taskCommitted, this, &TaskDetailPane::onCommitted);
    connect(&m_actions, &TaskActions::updated, this, &TaskDetailPane::onUpdated);
    connect(&m_actions, &TaskActions::conflicted, this, &TaskDetailPane::onConflict);
    connect(&m_actions, &TaskActions::vanished, this, &TaskDetailPane::markDeleted);
    connect(&m_actions, &TaskActions::failed, this, [this] {
        m_inFlight = false;
        m_sent = {};
    });
    setEnabled(false);
}

QWidget *TaskDetailPane::createDueRow()
{
    auto *row = new QWidget(m_form);
    m_hasDue = new QCheckBox(row);
    m_hasDue->setToolTip(tr("Whether the task has a due date"));
    m_hasDue->setAccessibleName(tr("Has a due date"));
    m_date = new QDateEdit(row);
    m_date->setCalendarPopup(true);
    m_date->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat));
    m_date->setAccessibleName(tr("Due date"));
    m_hasTime = new QCheckBox(tr("at"), row);
    m_hasTime->setAccessibleName(tr("Due at a time"));
    m_time = new QTimeEdit(row);
    m_time->setDisplayFormat(QStringLiteral("HH:mm"));
    m_time->setAccessibleName(tr("Due time"));

    auto *quick = new QHBoxLayout;
    quick->setSpacing(2);
    for (QuickDue choice : quickDues()) {
        auto *button = new QToolButton(row);
        button->setText(quickDueLabel(choice));
        button->setAutoRaise(true);
        quick->addWidget(button);
        m_quickDue.append(button);
        connect(button, &QToolButton::clicked, this, [this, choice] { setQuickDue(choice); });
    }
    quick->addStretch(1);

    auto *line = new QHBoxLayout;
    line->addWidget(m_hasDue);
    line->addWidget(m_date, 1);
    line->addWidget(m_hasTime);
    line->addWidget(m_time);
    auto *layout = new QVBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(line);
    layout->addLayout(quick);

    connect(m_hasDue, &QCheckBox::clicked, this, &TaskDetailPane::commitDue);
    connect(m_hasTime, &QCheckBox::clicked, this, &TaskDetailPane::commitDue);
    connect(m_date, &QDateEdit::editingFinished, this, &TaskDetailPane::commitDue);
    connect(m_time, &QTimeEdit::editingFinished, this, &TaskDetailPane::commitDue);
    // A pick in the calendar is a commit; typing in the field waits for Enter or leaving it.
    connect(m_date->calendarWidget(), &QCalendarWidget::clicked, this, [this](QDate date) {
        m_date->setDate(date);
        commitDue();
    });
    return row;
}

QSize TaskDetailPane::sizeHint() const
{
    // Wide enough for the due row on one line; the list gets the rest.
    return {qMax(minimumWidth(), fontMetrics().averageCharWidth() * 52), QWidget::sizeHint().height()};
}

QToolButton *TaskDetailPane::quickDueButton(QuickDue choice) const
{
    return m_quickDue.value(int(quickDues().indexOf(choice)));
}

void TaskDetailPane::setKnownTags(const QStringList &tags)
{
    m_knownTags->setStringList(tags);
}

void TaskDetailPane::focusTitle()
{
    m_title->setFocus(Qt::OtherFocusReason);
    m_title->selectAll();
}

void TaskDetailPane::showTask(const Task &task)
{
    m_deleted = false;
    m_inFlight = false;
    m_sent = {};
    m_queued = {};
    m_message->hide();
    setEnabled(true);
    m_form->setEnabled(true);
    fill(task, false);
}

void TaskDetailPane::fill(const Task &task, bool keepEdits)
{
    // With keepEdits, a field the user has typed into keeps what was typed,
    // and a field whose edit is on its way keeps the value sent (an echo of an
    // earlier edit must not undo a later one). If a field being typed into
    // changed elsewhere, edits keep the old revision so saving it meets a
    // conflict instead of overwriting.
    const Task previous = m_task;
    const auto pending = [this, keepEdits](auto field) {
        return keepEdits && (bool(m_sent.*field) || bool(m_queued.*field));
    };
    bool stale = false;
    if (keepEdits && m_title->isModified()) {
        stale |= task.title != previous.title;
    } else if (!pending(&TaskPatch::title)) {
        m_title->setText(task.title);
        m_title->setModified(false);
    }
    if (keepEdits && m_notes->document()->isModified()) {
        stale |= task.description != previous.description;
    } else if (!pending(&TaskPatch::description)) {
        m_notes->setPlainText(task.description);
        m_notes->document()->setModified(false);
    }
    if (keepEdits && m_tags->isModified()) {
        stale |= task.tags != previous.tags;
    } else if (!pending(&TaskPatch::tags)) {
        m_tags->setText(task.tags.join(QStringLiteral(", ")));
        m_tags->setModified(false);
    }
    if (!pending(&TaskPatch::due) && !(keepEdits && (m_date->hasFocus() || m_time->hasFocus())))
        fillDue(task.due);
    if (!pending(&TaskPatch::repeat))
        m_repeat->setRule(task.repeat, task.due);
    if (!pending(&TaskPatch::priority))
        m_priority->setCurrentIndex(m_priority->findData(int(task.priority)));
    if (!pending(&TaskPatch::status))
        m_status->setCurrentIndex(m_status->findData(int(task.status)));
    m_times->setText(tr("Created %1\nUpdated %2").arg(timestampText(task.createdAt), timestampText(task.updatedAt)));
    m_task = task;
    if (!keepEdits || !stale)
        m_baseRevision = task.revision;
}

void TaskDetailPane::fillDue(const Due &due)
{
    m_hasDue->setChecked(!due.isNone());
    m_hasTime->setChecked(due.hasTime());
    if (due.hasTime()) {
        const QDateTime local = due.dateTime().toLocalTime();
        m_date->setDate(local.date());
        m_time->setTime(local.time());
    } else {
        m_date->setDate(due.isNone() ? QDate::currentDate() : due.date());
        m_time->setTime(QTime(9, 0));
    }
    m_date->setEnabled(!due.isNone());
    m_hasTime->setEnabled(!due.isNone());
    m_time->setEnabled(due.hasTime());
}

void TaskDetailPane::send(const TaskPatch &patch)
{
    if (m_deleted || m_task.id.isNull() || patch.isEmpty())
        return;
    if (m_inFlight) {
        // Sent with the revision the first edit brings back.
        if (patch.title)
            m_queued.title = patch.title;
        if (patch.description)
            m_queued.description = patch.description;
        if (patch.status)
            m_queued.status = patch.status;
        if (patch.priority)
            m_queued.priority = patch.priority;
        if (patch.due)
            m_queued.due = patch.due;
        if (patch.tags)
            m_queued.tags = patch.tags;
        if (patch.repeat)
            m_queued.repeat = patch.repeat;
        return;
    }
    // Marked before sending: when the worker is quick, the answer can arrive
    // before update() returns.
    m_inFlight = true;
    m_sent = patch;
    if (!m_actions.update(m_task.id, patch, m_baseRevision)) {
        m_inFlight = false;
        m_sent = {};
    }
}

void TaskDetailPane::commitTitle()
{
    if (!m_title->isModified())
        return;
    m_title->setModified(false);
    const QString title = m_title->text().trimmed();
    if (title.isEmpty()) {
        m_title->setText(m_task.title);
        showMessage(TaskActions::titleRequiredMessage());
        return;
    }
    if (title == m_task.title)
        return;
    TaskPatch patch;
    patch.title = title;
    send(patch);
}

void TaskDetailPane::commitNotes()
{
    if (!m_notes->document()->isModified())
        return;
    m_notes->document()->setModified(false);
    if (m_notes->toPlainText() == m_task.description)
        return;
    TaskPatch patch;
    patch.description = m_notes->toPlainText();
    send(patch);
}

void TaskDetailPane::commitDue()
{
    Due due;
    if (m_hasDue->isChecked()) {
        due = m_hasTime->isChecked() ? Due::at(QDateTime(m_date->date(), m_time->time())) : Due::onDate(m_date->date());
    }
    m_date->setEnabled(!due.isNone());
    m_hasTime->setEnabled(!due.isNone());
    m_time->setEnabled(due.hasTime());
    if (due == m_task.due)
        return;
    TaskPatch patch;
    patch.due = due;
    send(patch);
}

void TaskDetailPane::commitRepeat(const std::optional<RepeatRule> &rule)
{
    TaskPatch patch;
    patch.repeat = rule;
    // A repeating task needs a due: without one it starts at the first occurrence from today.
    if (rule && m_task.due.isNone())
        patch.due = Due::onDate(firstRepeatDate(QDate::currentDate(), *rule));
    send(patch);
}

void TaskDetailPane::setQuickDue(QuickDue choice)
{
    const Due due = quickDueValue(choice);
    fillDue(due);
    if (due == m_task.due)
        return;
    TaskPatch patch;
    patch.due = due;
    send(patch);
}

void TaskDetailPane::commitTags()
{
    if (!m_tags->isModified() || m_completer->popup()->isVisible())
        return;
    m_tags->setModified(false);
    const QStringList tags = tagsFromText(m_tags->text());
    m_tags->setText(tags.join(QStringLiteral(", ")));
    if (tags == m_task.tags)
        return;
    TaskPatch patch;
    patch.tags = tags;
    send(patch);
}

void TaskDetailPane::completeTag(const QString &text)
{
    // The completer offers known tags for the word being typed, not the whole line.
    const QString word = text.left(m_tags->cursorPosition()).split(tagSeparators()).constLast();
    if (word.isEmpty()) {
        m_completer->popup()->hide();
        return;
    }
    m_completer->setCompletionPrefix(word);
    if (m_completer->completionCount() > 0)
        m_completer->complete();
    else
        m_completer->popup()->hide();
}

void TaskDetailPane::insertTag(const QString &tag)
{
    QString text = m_tags->text().left(m_tags->cursorPosition());
    const QString word = text.split(tagSeparators()).constLast();
    text.chop(word.size());
    m_tags->setText(text + tag + QStringLiteral(", "));
    m_tags->setModified(true);
}

void TaskDetailPane::onCommitted(const Task &task)
{
    if (task.id != m_task.id || m_deleted)
        return;
    if (task.isDeleted()) {
        markDeleted(task.id);
        return;
    }
    if (task.revision > m_task.revision)
        fill(task, true);
}

void TaskDetailPane::onUpdated(const Task &task)
{
    if (task.id != m_task.id || m_deleted)
        return;
    m_inFlight = false;
    m_sent = {};
    if (task.revision > m_task.revision)
        fill(task, true);
    if (!m_queued.isEmpty())
        send(std::exchange(m_queued, {}));
}

void TaskDetailPane::onConflict(const Task &current)
{
    if (current.id != m_task.id || m_deleted)
        return;
    showTask(current);
    showMessage(tr("This task was changed elsewhere; showing the current version."));
}

void TaskDetailPane::markDeleted(const QUuid &taskId)
{
    if (taskId != m_task.id)
        return;
    m_deleted = true;
    m_inFlight = false;
    m_sent = {};
    m_queued = {};
    m_form->setEnabled(false);
    showMessage(tr("This task was deleted."));
}

void TaskDetailPane::showMessage(const QString &text)
{
    m_message->setText(text);
    m_message->show();
}

bool TaskDetailPane::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_notes && event->type() == QEvent::FocusOut)
        commitNotes();
    if (watched == m_tags && event->type() == QEvent::FocusIn)
        Q_EMIT knownTagsWanted();
    // A wheel passing over a list would pick, and save, another value.
    if ((watched == m_priority || watched == m_status || watched == m_repeat->choiceBox())
        && event->type() == QEvent::Wheel && !static_cast<QWidget *>(watched)->hasFocus()) {
        event->ignore();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void TaskDetailPane::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        // The first Escape takes back what was typed and not saved (leaving
        // the field would save it); the next one closes the pane.
        const bool typed = m_title->isModified() || m_notes->document()->isModified() || m_tags->isModified();
        if (typed && !m_deleted) {
            m_title->setModified(false);
            m_notes->document()->setModified(false);
            m_tags->setModified(false);
            fill(m_task, true);
            return;
        }
        Q_EMIT closeRequested();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace tandem
