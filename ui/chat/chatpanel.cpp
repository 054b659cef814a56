#include "chatpanel.h"

#include "chat/assistantclient.h"
#include "chat/chatactions.h"
#include "chat/chatautoscroll.h"
#include "chat/chatbubbledelegate.h"
#include "chat/chatinput.h"
#include "chat/chatmessagemodel.h"
#include "chat/chatquickreplies.h"
#include "chat/chatsessionmodel.h"
#include "chat/chatstyle.h"
#include "chat/typingindicator.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QScrollBar>
#include <QStackedLayout>
#include <QToolButton>
#include <QVBoxLayout>

namespace tandem {

namespace {
// The counter shows once this few characters are left.
constexpr int counterFrom = 500;
} // namespace

ChatPanel::ChatPanel(ChatSessionModel &sessions, ChatMessageModel &messages, ChatActions &actions,
                     AssistantClient &assistant, QWidget *parent)
    : QWidget(parent)
    , m_sessions(sessions)
    , m_messages(messages)
    , m_actions(actions)
    , m_assistant(assistant)
{
    setObjectName(QStringLiteral("ChatPanel"));

    m_header = new QWidget(this);
    m_title = new QLabel(m_header);
    m_title->setTextFormat(Qt::PlainText);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setMinimumWidth(40);
    m_title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    m_newChat = new QPushButton(QIcon::fromTheme(QStringLiteral("document-new")), tr("New chat"), m_header);
    m_newChat->setToolTip(tr("Start a new conversation"));
    m_newChat->setAccessibleName(tr("New chat"));

    m_view = new QListView(this);
    m_view->setModel(&m_messages);
    m_delegate = new ChatBubbleDelegate(m_view);
    m_view->setItemDelegate(m_delegate);
    m_view->setSelectionMode(QAbstractItemView::NoSelection);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setResizeMode(QListView::Adjust);
    m_view->setWordWrap(true); // also makes the view lay rows out again when its width changes
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setAccessibleName(tr("Conversation"));
    m_view->setAccessibleDescription(tr("Messages, oldest first. Press Enter to show the first task a reply "
                                        "touched, or the menu key for all of them."));
    m_view->verticalScrollBar()->setSingleStep(24);
    m_autoScroll = new ChatAutoScroll(m_view);
    m_view->installEventFilter(this);

    m_placeholder = new QLabel(this);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setMargin(24);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_placeholder->setText(tr("Ask me to add, find, change, complete or delete tasks.\n\n"
                              "Try “Add call Alex tomorrow at 3pm #work” or “What’s due this week?”"));

    // The conversation area: the list (or the empty state) with the typing
    // indicator under the last bubble, all on the list's background.
    auto *area = new QWidget(this);
    area->setBackgroundRole(QPalette::Base);
    area->setAutoFillBackground(true);
    auto *stackHost = new QWidget(area);
    m_stack = new QStackedLayout(stackHost);
    m_stack->setContentsMargins(0, 0, 0, 0);
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_placeholder);
    m_typing = new TypingIndicator(area);
    m_typing->hide();
    auto *areaLayout = new QVBoxLayout(area);
    areaLayout->setContentsMargins(0, 0, 0, 4);
    areaLayout->setSpacing(0);
    areaLayout->addWidget(stackHost, 1);
    areaLayout->addWidget(m_typing);

    m_errorBar = new QFrame(this);
    m_errorBar->setObjectName(QStringLiteral("chatErrorBar"));
    m_errorBar->setFrameShape(QFrame::StyledPanel);
    m_errorBar->setAutoFillBackground(true);
    m_errorLabel = new QLabel(m_errorBar);
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextFormat(Qt::PlainText);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_retry = new QPushButton(tr("Retry"), m_errorBar);
    m_retry->setAccessibleName(tr("Retry sending"));
    m_dismissError = new QToolButton(m_errorBar);
    m_dismissError->setText(QStringLiteral("✕"));
    m_dismissError->setAutoRaise(true);
    m_dismissError->setToolTip(tr("Dismiss"));
    m_dismissError->setAccessibleName(tr("Dismiss the error"));
    auto *errorLayout = new QHBoxLayout(m_errorBar);
    errorLayout->setContentsMargins(10, 6, 6, 6);
    errorLayout->addWidget(m_errorLabel, 1);
    errorLayout->addWidget(m_retry);
    errorLayout->addWidget(m_dismissError);
    m_errorBar->hide();

    m_input = new ChatInput(this);
    m_input->setMaxLength(int(assistant::AssistantService::MaxMessage));
    m_input->setPlaceholderText(tr("Message the assistant…"));
    m_input->setAccessibleName(tr("Message to the assistant"));
    m_input->setAccessibleDescription(tr("Enter sends; Shift+Enter starts a new line."));
    m_input->setToolTip(tr("Enter sends; Shift+Enter starts a new line"));

    m_send = new QPushButton(tr("Send"), this);
    m_send->setToolTip(tr("Send (Enter)"));
    m_send->setAccessibleName(tr("Send"));
    m_send->setDefault(false);
    m_send->setAutoDefault(false);

    m_quickReplies = new ChatQuickReplies(this);
    m_quickReplies->hide();

    m_counter = new QLabel(this);
    m_counter->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_counter->hide();

    auto *header = new QHBoxLayout(m_header);
    header->setContentsMargins(10, 6, 6, 0);
    header->addWidget(m_title, 1);
    header->addWidget(m_newChat);

    auto *inputRow = new QHBoxLayout;
    inputRow->setContentsMargins(8, 0, 8, 0);
    inputRow->setSpacing(6);
    inputRow->addWidget(m_input, 1);
    inputRow->addWidget(m_send, 0, Qt::AlignBottom);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 8);
    layout->setSpacing(6);
    layout->addWidget(m_header);
    layout->addWidget(area, 1);
    auto *errorRow = new QHBoxLayout;
    errorRow->setContentsMargins(8, 0, 8, 0);
    errorRow->addWidget(m_errorBar);
    layout->addLayout(errorRow);
    layout->addWidget(m_quickReplies);
    layout->addLayout(inputRow);
    auto *counterRow = new QHBoxLayout;
    counterRow->setContentsMargins(8, 0, 8, 0);
    counterRow->addWidget(m_counter);
    layout->addLayout(counterRow);

    auto *copy = new QAction(tr("&Copy Message"), m_view);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    m_view->addAction(copy);

    applyTabOrder();
    setFocusProxy(m_input);

    connect(m_newChat, &QPushButton::clicked, this, &ChatPanel::startNewChat);
    connect(m_send, &QPushButton::clicked, this, &ChatPanel::submit);
    connect(m_input, &ChatInput::submitted, this, &ChatPanel::submit);
    connect(m_input, &ChatInput::lengthChanged, this, &ChatPanel::updateCounter);
    connect(m_input, &ChatInput::lengthChanged, this, &ChatPanel::updateControls);
    connect(m_retry, &QPushButton::clicked, this, &ChatPanel::retry);
    connect(m_dismissError, &QToolButton::clicked, this, &ChatPanel::hideError);
    connect(copy, &QAction::triggered, this, &ChatPanel::copyCurrent);
    connect(m_delegate, &ChatBubbleDelegate::taskActivated, this, &ChatPanel::taskActivated);
    connect(m_view, &QListView::activated, this, &ChatPanel::activate);
    connect(m_view, &QListView::customContextMenuRequested, this, &ChatPanel::showMessageMenu);

    connect(&m_messages, &ChatMessageModel::awaitsYesNoChanged, this, &ChatPanel::updateQuickReplies);
    connect(m_quickReplies, &ChatQuickReplies::replied, this, &ChatPanel::sendQuickReply);
    connect(&m_messages, &QAbstractItemModel::rowsInserted, this, &ChatPanel::updatePlaceholder);
    connect(&m_messages, &QAbstractItemModel::modelReset, this, &ChatPanel::updatePlaceholder);
    connect(&m_messages, &ChatMessageModel::loadingChanged, this, &ChatPanel::updatePlaceholder);
    connect(&m_messages, &ChatMessageModel::sessionRemoved, this, &ChatPanel::onSessionRemoved);

    connect(&m_sessions, &QAbstractItemModel::modelReset, this, &ChatPanel::updateTitle);
    connect(&m_sessions, &QAbstractItemModel::rowsInserted, this, &ChatPanel::updateTitle);
    connect(&m_sessions, &QAbstractItemModel::dataChanged, this, &ChatPanel::updateTitle);
    connect(&m_sessions, &QAbstractItemModel::rowsMoved, this, &ChatPanel::updateTitle);
    connect(&m_sessions, &ChatSessionModel::loadingChanged, this, [this](bool loading) {
        if (!loading)
            pickDefaultSession();
    });

    connect(&m_actions, &ChatActions::created, this, [this](const QUuid &sessionId) {
        if (sessionId == m_unstoredSession)
            m_unstoredSession = {};
        if (sessionId != m_awaitingSession)
            return;
        m_awaitingSession = {};
        dispatch(sessionId, std::exchange(m_awaitingContent, {}));
    });
    connect(&m_actions, &ChatActions::createFailed, this, [this](const QUuid &sessionId, const QString &message) {
        if (sessionId == m_unstoredSession)
            m_unstoredSession = {};
        const bool awaited = sessionId == m_awaitingSession;
        const QString content = awaited ? std::exchange(m_awaitingContent, {}) : QString();
        if (awaited) {
            m_awaitingSession = {};
            setBusy(false);
        }
        if (sessionId == this->sessionId())
            setSessionId({});
        if (awaited)
            showError(message, content);
    });

    updateTitle();
    updatePlaceholder();
    updateControls();
    if (m_sessions.hasLoaded())
        pickDefaultSession();
}

ChatPanel::~ChatPanel() = default;

QUuid ChatPanel::sessionId() const
{
    return m_messages.sessionId();
}

void ChatPanel::setSessionId(const QUuid &sessionId)
{
    if (sessionId == m_messages.sessionId())
        return;
    hideError();
    m_messages.setSessionId(sessionId);
    m_typing->setVisible(m_busy && m_turnSession == sessionId);
    updateTitle();
    updatePlaceholder();
    Q_EMIT sessionChanged(sessionId);
}

void ChatPanel::pickDefaultSession()
{
    if (!sessionId().isNull() || !m_awaitingSession.isNull() || m_sessions.rowCount() == 0)
        return;
    setSessionId(m_sessions.sessionAt(0).id);
}

void ChatPanel::onSessionRemoved(const QUuid &sessionId)
{
    // The model shows none now; move to the most recent one left.
    for (int row = 0; row < m_sessions.rowCount(); ++row) {
        const QUuid id = m_sessions.sessionAt(row).id;
        if (id != sessionId) {
            setSessionId(id);
            return;
        }
    }
    hideError();
    m_typing->hide();
    updateTitle();
    updatePlaceholder();
    Q_EMIT sessionChanged({});
}

void ChatPanel::startNewChat()
{
    const bool showingEmpty = !sessionId().isNull() && m_messages.rowCount() == 0 && !m_messages.isLoading() && !m_busy;
    if (!showingEmpty) {
        m_unstoredSession = m_actions.createSession();
        setSessionId(m_unstoredSession);
    }
    focusInput();
}

void ChatPanel::focusInput()
{
    m_input->setFocus(Qt::OtherFocusReason);
}

void ChatPanel::submit()
{
    if (m_busy)
        return;
    const QString content = m_input->toPlainText().trimmed();
    if (content.isEmpty())
        return;
    m_input->clear();
    hideError();
    m_autoScroll->follow(); // the user's own message: show it, and the reply
    sendTo(sessionId(), content);
}

void ChatPanel::sendQuickReply(const QString &reply)
{
    if (m_busy || sessionId().isNull())
        return;
    hideError();
    m_quickReplies->hide();
    m_autoScroll->follow();
    sendTo(sessionId(), reply);
    focusInput();
}

void ChatPanel::updateQuickReplies()
{
    const bool show = m_messages.awaitsYesNo() && !m_busy;
    const bool hadFocus = m_quickReplies->isAncestorOf(focusWidget());
    m_quickReplies->setVisible(show);
    if (!show && hadFocus)
        focusInput();
}

bool ChatPanel::eventFilter(QObject *watched, QEvent *event)
{
    // Tabbing into the conversation lands on a message (the newest one in
    // sight), so the focus ring shows where the keyboard is.
    if (watched == m_view && event->type() == QEvent::FocusIn && !m_view->currentIndex().isValid()
        && m_messages.rowCount() > 0) {
        const QRect area = m_view->viewport()->rect();
        QModelIndex index = m_view->indexAt(QPoint(area.center().x(), area.bottom() - 4));
        if (!index.isValid())
            index = m_messages.index(m_messages.rowCount() - 1, 0);
        m_view->setCurrentIndex(index);
    }
    return QWidget::eventFilter(watched, event);
}

QList<QWidget *> ChatPanel::tabChain() const
{
    return {m_newChat,
            m_view,
            m_autoScroll->newMessagesButton(),
            m_retry,
            m_dismissError,
            m_quickReplies->yesButton(),
            m_quickReplies->noButton(),
            m_input,
            m_send};
}

void ChatPanel::applyTabOrder()
{
    const QList<QWidget *> chain = tabChain();
    for (qsizetype i = 1; i < chain.size(); ++i)
        setTabOrder(chain.at(i - 1), chain.at(i));
}

void ChatPanel::setHeaderVisible(bool visible)
{
    m_header->setVisible(visible);
}

void ChatPanel::sendTo(const QUuid &sessionId, const QString &content)
{
    QUuid target = sessionId;
    if (target.isNull()) {
        // The first message of a conversation: it is stored first.
        m_unstoredSession = m_actions.createSession();
        target = m_unstoredSession;
        setSessionId(target);
    }
    if (target == m_unstoredSession) {
        // The assistant runs on another thread than the store's worker, so
        // it could look for the conversation before it is there: wait.
        m_awaitingSession = target;
        m_awaitingContent = content;
        setBusy(true, target);
        return;
    }
    dispatch(target, content);
}

void ChatPanel::dispatch(const QUuid &sessionId, const QString &content)
{
    setBusy(true, sessionId);
    m_assistant.send(sessionId, content, this,
                     [this, sessionId, content](const Result<assistant::AssistantTurn> &result) {
                         finishTurn(sessionId, content, result);
                     });
}

void ChatPanel::finishTurn(const QUuid &sessionId, const QString &content,
                           const Result<assistant::AssistantTurn> &result)
{
    setBusy(false);
    if (result)
        return; // the messages arrive through ChatService::changed
    if (sessionId != this->sessionId())
        return; // the user moved on; that conversation shows what was stored
    showError(tr("Couldn’t send: %1").arg(result.error().toString()), content);
}

void ChatPanel::setBusy(bool busy, const QUuid &sessionId)
{
    m_turnSession = busy ? sessionId : QUuid();
    m_typing->setVisible(busy && sessionId == this->sessionId());
    if (busy != m_busy) {
        m_busy = busy;
        Q_EMIT busyChanged(busy);
    }
    if (busy && m_autoScroll->isFollowing())
        m_autoScroll->follow(); // the typing indicator shows under the last bubble
    updateControls();
    updateQuickReplies();
}

void ChatPanel::showError(const QString &message, const QString &content)
{
    m_failedContent = content;
    QPalette palette = m_errorBar->palette();
    const QColor window = palette.color(QPalette::Window);
    const QColor error = chatstyle::errorColor(palette);
    palette.setColor(QPalette::Window, chatstyle::blend(window, error, 0.14));
    m_errorBar->setPalette(palette);
    QPalette labelPalette = m_errorLabel->palette();
    labelPalette.setColor(QPalette::WindowText, chatstyle::isDark(window) ? error : error.darker(115));
    m_errorLabel->setPalette(labelPalette);
    m_errorLabel->setText(message);
    m_errorLabel->setAccessibleName(message);
    m_errorBar->show();
    m_retry->setFocus(Qt::OtherFocusReason);
}

void ChatPanel::hideError()
{
    m_failedContent.clear();
    m_errorBar->hide();
}

void ChatPanel::retry()
{
    if (m_busy || m_failedContent.isEmpty())
        return;
    const QString content = m_failedContent;
    hideError();
    sendTo(sessionId(), content);
    focusInput();
}

void ChatPanel::activate(const QModelIndex &index)
{
    const QVariantList links = index.data(ChatMessageModel::ActionTaskIdsRole).toList();
    for (const QVariant &link : links) {
        if (!link.toUuid().isNull()) {
            Q_EMIT taskActivated(link.toUuid());
            return;
        }
    }
}

void ChatPanel::showMessageMenu(const QPoint &position)
{
    QModelIndex index = m_view->indexAt(position);
    if (!index.isValid())
        index = m_view->currentIndex();
    if (!index.isValid())
        return;
    m_view->setCurrentIndex(index);
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    const QStringList labels = index.data(ChatMessageModel::ActionLabelsRole).toStringList();
    const QVariantList links = index.data(ChatMessageModel::ActionTaskIdsRole).toList();
    for (int i = 0; i < labels.size(); ++i) {
        const QUuid taskId = links.value(i).toUuid();
        if (taskId.isNull())
            continue;
        const QString label = QFontMetrics(menu->font()).elidedText(labels.at(i), Qt::ElideMiddle, 360);
        menu->addAction(tr("Show in Tasks: %1").arg(label), this, [this, taskId] { Q_EMIT taskActivated(taskId); });
    }
    if (!menu->isEmpty())
        menu->addSeparator();
    menu->addAction(tr("&Copy Message"), this, &ChatPanel::copyCurrent);
    const QRect rect = m_view->visualRect(index);
    const QPoint at = rect.contains(position) ? position : rect.center();
    menu->popup(m_view->viewport()->mapToGlobal(at));
}

void ChatPanel::copyCurrent()
{
    const QModelIndex index = m_view->currentIndex();
    if (index.isValid())
        QApplication::clipboard()->setText(index.data(Qt::DisplayRole).toString());
}

void ChatPanel::updateTitle()
{
    const QModelIndex index = m_sessions.indexOf(sessionId());
    const QString title = index.isValid() ? index.data(Qt::DisplayRole).toString() : tr("New chat");
    m_title->setText(title);
    m_title->setToolTip(title);
    m_title->setAccessibleName(tr("Conversation: %1").arg(title));
}

void ChatPanel::updateCounter(int length)
{
    const int limit = m_input->maxLength();
    const bool near = limit > 0 && length >= limit - counterFrom;
    m_counter->setVisible(near);
    if (!near)
        return;
    const QLocale locale;
    m_counter->setText(tr("%1 / %2").arg(locale.toString(length), locale.toString(limit)));
    m_counter->setAccessibleName(tr("%1 of %2 characters used").arg(locale.toString(length), locale.toString(limit)));
    QPalette palette = m_counter->palette();
    palette.setColor(QPalette::WindowText,
                     length >= limit ? chatstyle::errorColor(palette) : palette.color(QPalette::PlaceholderText));
    m_counter->setPalette(palette);
    m_counter->setToolTip(
        length >= limit ? tr("A message can be at most %1 characters long.").arg(locale.toString(limit)) : QString());
}

void ChatPanel::updateControls()
{
    m_send->setEnabled(!m_busy && m_input->length() > 0);
}

void ChatPanel::updatePlaceholder()
{
    const bool empty = m_messages.rowCount() == 0 && !m_messages.isLoading();
    m_stack->setCurrentWidget(empty ? static_cast<QWidget *>(m_placeholder) : m_view);
}

} // namespace tandem
