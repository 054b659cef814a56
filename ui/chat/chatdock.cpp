#include "chatdock.h"

#include "chat/chatactions.h"
#include "chat/chatbubblebutton.h"
#include "chat/chatmessagemodel.h"
#include "chat/chatpage.h"
#include "chat/chatpanel.h"
#include "chat/chatpopover.h"
#include "chat/chatsessionmodel.h"
#include "domain/change.h"
#include "domain/settingsschema.h"
#include "services/chatservice.h"

#include <QAction>
#include <QApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMainWindow>
#include <QPainter>
#include <QToolButton>
#include <QVBoxLayout>

namespace tandem {

namespace {
constexpr int iconSize = 16;

enum class TitleIcon { Expand, Collapse, Minimize, Float, Dock, Close };

// The title bar's icons, drawn in the palette's text colour so they read in
// light and dark themes alike (the style's title-bar pixmaps often do not).
QIcon titleIcon(TitleIcon kind, const QPalette &palette)
{
    QIcon icon;
    for (const QIcon::Mode mode : {QIcon::Normal, QIcon::Disabled}) {
        const qreal ratio = 2;
        QPixmap pixmap(QSize(iconSize, iconSize) * ratio);
        pixmap.setDevicePixelRatio(ratio);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        const QColor ink
            = palette.color(mode == QIcon::Disabled ? QPalette::Disabled : QPalette::Active, QPalette::WindowText);
        QPen pen(ink, 1.5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
        painter.setPen(pen);
        switch (kind) {
        case TitleIcon::Expand:
        case TitleIcon::Collapse: {
            // Two diagonal arrows, out to the corners or in to the middle.
            const bool out = kind == TitleIcon::Expand;
            const auto arrow = [&painter, out](QPointF inner, QPointF outer) {
                painter.drawLine(inner, outer);
                const QPointF tip = out ? outer : inner;
                const QPointF dir = out ? outer - inner : inner - outer;
                const qreal sx = dir.x() > 0 ? 1 : -1;
                const qreal sy = dir.y() > 0 ? 1 : -1;
                painter.drawLine(tip, tip - QPointF(4 * sx, 0));
                painter.drawLine(tip, tip - QPointF(0, 4 * sy));
            };
            arrow(QPointF(9.5, 6.5), QPointF(13.5, 2.5));
            arrow(QPointF(6.5, 9.5), QPointF(2.5, 13.5));
            break;
        }
        case TitleIcon::Minimize:
            painter.drawLine(QPointF(3.5, 12.5), QPointF(12.5, 12.5));
            break;
        case TitleIcon::Float:
            painter.drawRect(QRectF(5.5, 2.5, 8, 7));
            painter.setCompositionMode(QPainter::CompositionMode_Clear);
            painter.fillRect(QRectF(2.5, 6.5, 8, 7), Qt::transparent);
            painter.setCompositionMode(QPainter::CompositionMode_SourceOver);
            painter.drawRect(QRectF(2.5, 6.5, 8, 7));
            break;
        case TitleIcon::Dock:
            painter.drawRect(QRectF(2.5, 2.5, 11, 11));
            painter.drawLine(QPointF(9.5, 2.5), QPointF(9.5, 13.5));
            break;
        case TitleIcon::Close:
            painter.drawLine(QPointF(4, 4), QPointF(12, 12));
            painter.drawLine(QPointF(12, 4), QPointF(4, 12));
            break;
        }
        painter.end();
        icon.addPixmap(pixmap, mode);
    }
    return icon;
}

QToolButton *titleButton(QAction *action, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setDefaultAction(action);
    button->setAutoRaise(true);
    button->setFocusPolicy(Qt::TabFocus);
    button->setIconSize(QSize(iconSize, iconSize));
    return button;
}

} // namespace

QString chatPlacementName(ChatPlacement placement)
{
    switch (placement) {
    case ChatPlacement::Docked:
        return QStringLiteral("docked");
    case ChatPlacement::Floating:
        return QStringLiteral("floating");
    case ChatPlacement::Page:
        return QStringLiteral("page");
    case ChatPlacement::Minimized:
        return QStringLiteral("minimized");
    case ChatPlacement::Hidden:
        return QStringLiteral("hidden");
    }
    return QStringLiteral("docked");
}

ChatPlacement chatPlacementFromName(const QString &name)
{
    for (const ChatPlacement placement :
         {ChatPlacement::Floating, ChatPlacement::Page, ChatPlacement::Minimized, ChatPlacement::Hidden}) {
        if (name == chatPlacementName(placement))
            return placement;
    }
    return ChatPlacement::Docked;
}

ChatDock::ChatDock(ChatService &chats, TaskService &tasks, AssistantClient &assistant, BackgroundRunner &runner,
                   const QUuid &ownerId, QMainWindow *window)
    : QDockWidget(tr("Assistant"), window)
    , m_window(window)
    , m_ownerId(ownerId)
{
    setObjectName(QStringLiteral("AssistantDock"));
    setAllowedAreas(Qt::LeftDockWidgetArea | Qt::RightDockWidgetArea);
    setFeatures(DockWidgetClosable | DockWidgetMovable | DockWidgetFloatable);
    setAccessibleName(tr("Assistant"));

    m_sessions = new ChatSessionModel(chats, runner, ownerId, this);
    m_messages = new ChatMessageModel(chats, tasks, runner, ownerId, this);
    m_actions = new ChatActions(chats, runner, ownerId, this);

    m_dockBody = new QWidget(this);
    auto *bodyLayout = new QVBoxLayout(m_dockBody);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    m_panel = new ChatPanel(*m_sessions, *m_messages, *m_actions, assistant, m_dockBody);
    m_panel->setMinimumWidth(260);
    bodyLayout->addWidget(m_panel);
    setWidget(m_dockBody);
    setFocusProxy(m_panel);

    m_page = new ChatPage(*m_sessions, *m_actions, window);
    m_page->hide();
    m_bubble = new ChatBubbleButton(window);
    m_bubble->hide();
    m_popover = new ChatPopover(m_bubble, window);

    m_toggleAction = new QAction(tr("&Assistant"), this);
    m_toggleAction->setCheckable(true);
    m_toggleAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    m_toggleAction->setToolTip(tr("Show or hide the assistant"));

    m_expandAction = new QAction(tr("&Expand"), this);
    m_expandAction->setCheckable(true);
    m_expandAction->setToolTip(tr("Expand into a full-page chat with your conversations"));

    m_minimizeAction = new QAction(tr("&Minimize"), this);
    m_minimizeAction->setToolTip(tr("Minimize to a chat bubble"));

    m_focusAction = new QAction(tr("Message the &Assistant"), this);
    m_focusAction->setObjectName(QStringLiteral("focusChatInputAction"));
    m_focusAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_focusAction->setShortcutContext(Qt::WindowShortcut);
    m_focusAction->setToolTip(tr("Type a message to the assistant (Ctrl+L)"));
    window->addAction(m_focusAction);

    setTitleBarWidget(createTitleBar());

    connect(m_toggleAction, &QAction::triggered, this, [this](bool show) {
        if (show) {
            restore();
            return;
        }
        m_minimized = false;
        m_autoCollapsed = false;
        closePopover();
        m_bubble->hide();
        hide();
    });
    connect(m_expandAction, &QAction::toggled, this, &ChatDock::setExpanded);
    connect(m_minimizeAction, &QAction::triggered, this, &ChatDock::minimize);
    connect(m_focusAction, &QAction::triggered, this, &ChatDock::focusInput);
    connect(m_bubble, &ChatBubbleButton::clicked, this, &ChatDock::bubbleClicked);
    connect(m_page, &ChatPage::minimizeRequested, this, &ChatDock::minimize);
    connect(m_page, &ChatPage::collapseRequested, this, [this] { setExpanded(false); });
    connect(m_popover, &ChatPopover::expandRequested, this, [this] { setExpanded(true); });
    connect(m_popover, &ChatPopover::dockRequested, this, &ChatDock::restore);
    connect(m_popover, &ChatPopover::closeRequested, this, &ChatDock::closePopover);
    connect(m_panel, &ChatPanel::taskActivated, this, &ChatDock::taskActivated);
    connect(m_sessions, &ChatSessionModel::renameRequested, m_actions, &ChatActions::rename);
    connect(m_sessions, &ChatSessionModel::loadFailed, this, &ChatDock::failed);
    connect(m_messages, &ChatMessageModel::loadFailed, this, &ChatDock::failed);
    connect(m_actions, &ChatActions::failed, this, &ChatDock::failed);
    connect(&chats, &ChatService::changed, this, &ChatDock::countUnread);
    connect(this, &QDockWidget::topLevelChanged, this, &ChatDock::updateTitleButtons);
    window->installEventFilter(this);

    updateTitleButtons();
    m_sessions->reload();
}

ChatDock::~ChatDock() = default;

QListView *ChatDock::sessionList() const
{
    return m_page->sessionList();
}

QAction *ChatDock::renameAction() const
{
    return m_page->renameAction();
}

QAction *ChatDock::deleteAction() const
{
    return m_page->deleteAction();
}

QWidget *ChatDock::createTitleBar()
{
    // Plain widgets ignore the mouse, so dragging and double-clicking the bar
    // still move and float the dock.
    auto *bar = new QWidget(this);
    auto *title = new QLabel(tr("Assistant"), bar);
    QFont font = title->font();
    font.setBold(true);
    title->setFont(font);

    auto *floatAction = new QAction(this);
    connect(floatAction, &QAction::triggered, this, [this] { setFloating(!isFloating()); });
    m_closeAction = new QAction(tr("Close"), this);
    m_closeAction->setToolTip(tr("Close the assistant (Ctrl+Shift+A brings it back)"));
    connect(m_closeAction, &QAction::triggered, this, &QDockWidget::close);

    m_floatButton = titleButton(floatAction, bar);
    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(10, 4, 4, 2);
    layout->setSpacing(2);
    layout->addWidget(title, 1);
    layout->addWidget(titleButton(m_expandAction, bar));
    layout->addWidget(titleButton(m_minimizeAction, bar));
    layout->addWidget(m_floatButton);
    layout->addWidget(titleButton(m_closeAction, bar));
    return bar;
}

void ChatDock::updateTitleButtons()
{
    const QPalette &colours = palette();
    QAction *floatAction = m_floatButton->defaultAction();
    floatAction->setIcon(titleIcon(isFloating() ? TitleIcon::Dock : TitleIcon::Float, colours));
    floatAction->setText(isFloating() ? tr("Dock") : tr("Float"));
    floatAction->setToolTip(isFloating() ? tr("Put the assistant back beside the tasks")
                                         : tr("Float the assistant in its own window"));
    m_expandAction->setIcon(titleIcon(m_expanded ? TitleIcon::Collapse : TitleIcon::Expand, colours));
    m_expandAction->setText(m_expanded ? tr("Collapse") : tr("&Expand"));
    m_expandAction->setToolTip(m_expanded ? tr("Back to the side panel")
                                          : tr("Expand into a full-page chat with your conversations"));
    m_minimizeAction->setIcon(titleIcon(TitleIcon::Minimize, colours));
    m_closeAction->setIcon(titleIcon(TitleIcon::Close, colours));
}

void ChatDock::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        updateTitleButtons();
    QDockWidget::changeEvent(event);
}

bool ChatDock::event(QEvent *event)
{
    // Only explicit hiding unchecks the menu item (not a minimized main window).
    if (event->type() == QEvent::Show || event->type() == QEvent::Hide)
        m_toggleAction->setChecked(!isHidden());
    return QDockWidget::event(event);
}

bool ChatDock::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && (event->type() == QEvent::Resize || event->type() == QEvent::Show))
        followWindowWidth();
    return QDockWidget::eventFilter(watched, event);
}

int ChatDock::unreadCount() const
{
    return m_bubble->unread();
}

ChatPlacement ChatDock::placement() const
{
    if (m_expanded)
        return ChatPlacement::Page;
    if (m_minimized)
        return ChatPlacement::Minimized;
    if (!m_autoCollapsed && isHidden())
        return ChatPlacement::Hidden;
    return isFloating() ? ChatPlacement::Floating : ChatPlacement::Docked;
}

void ChatDock::movePanelTo(QWidget *host)
{
    if (m_panel->parentWidget() != host)
        host->layout()->addWidget(m_panel);
    m_panel->setHeaderVisible(true);
    m_panel->applyTabOrder();
    m_panel->show();
}

void ChatDock::setExpanded(bool expanded)
{
    if (expanded == m_expanded)
        return;
    m_expanded = expanded;
    {
        const QSignalBlocker blocker(m_expandAction);
        m_expandAction->setChecked(expanded);
    }
    updateTitleButtons();
    if (expanded) {
        m_minimized = false;
        m_autoCollapsed = false;
        m_popover->hide();
        m_bubble->hide();
        m_bubble->setUnread(0);
        m_page->setPanel(m_panel);
        m_panel->setHeaderVisible(false);
        hide();
        Q_EMIT pageRequested(true);
        m_panel->focusInput();
        return;
    }
    movePanelTo(m_dockBody);
    Q_EMIT pageRequested(false);
    show();
    followWindowWidth();
    if (!isHidden())
        m_panel->focusInput();
}

void ChatDock::minimize()
{
    if (m_minimized)
        return;
    if (m_expanded) {
        m_expanded = false;
        const QSignalBlocker blocker(m_expandAction);
        m_expandAction->setChecked(false);
        movePanelTo(m_dockBody);
        Q_EMIT pageRequested(false);
        updateTitleButtons();
    }
    m_minimized = true;
    m_autoCollapsed = false;
    m_bubble->setUnread(0);
    m_popover->hide();
    movePanelTo(m_dockBody);
    hide();
    m_bubble->show();
    m_bubble->setFocus(Qt::OtherFocusReason);
}

void ChatDock::restore()
{
    m_minimized = false;
    m_autoCollapsed = false;
    m_popover->hide();
    m_bubble->hide();
    m_bubble->setUnread(0);
    if (m_expanded) {
        setExpanded(false);
    } else {
        movePanelTo(m_dockBody);
        show();
    }
    raise();
    if (isFloating())
        activateWindow();
    m_panel->focusInput();
}

void ChatDock::openPopover()
{
    m_bubble->setUnread(0);
    movePanelTo(m_popover->body());
    m_popover->show();
    m_popover->raise();
    m_bubble->raise();
    m_panel->focusInput();
}

void ChatDock::closePopover()
{
    if (m_popover->isHidden())
        return;
    const bool hadFocus = m_popover->isAncestorOf(QApplication::focusWidget());
    m_popover->hide();
    movePanelTo(m_dockBody);
    if (hadFocus && m_bubble->isVisible())
        m_bubble->setFocus(Qt::OtherFocusReason);
}

void ChatDock::bubbleClicked()
{
    if (m_popover->isVisible())
        closePopover();
    else
        openPopover();
}

void ChatDock::focusInput()
{
    if (m_minimized || m_autoCollapsed) {
        if (m_popover->isHidden())
            openPopover();
    } else if (!m_expanded && isHidden()) {
        restore();
    }
    if (isFloating() && !isHidden())
        activateWindow();
    m_panel->focusInput();
}

void ChatDock::followWindowWidth()
{
    if (!m_window->isVisible())
        return; // its size is not settled yet
    const bool narrow = m_window->width() < NarrowWidth;
    if (narrow && !m_autoCollapsed && !m_minimized && !m_expanded && !isFloating() && !isHidden()) {
        m_autoCollapsed = true;
        m_bubble->setUnread(0);
        hide();
        m_bubble->show();
    } else if (!narrow && m_autoCollapsed) {
        m_autoCollapsed = false;
        closePopover();
        m_bubble->hide();
        movePanelTo(m_dockBody);
        show();
    }
}

void ChatDock::restorePlacement(ChatPlacement placement)
{
    switch (placement) {
    case ChatPlacement::Page:
        setExpanded(true);
        break;
    case ChatPlacement::Minimized:
        minimize();
        break;
    case ChatPlacement::Hidden:
        hide();
        break;
    case ChatPlacement::Docked:
    case ChatPlacement::Floating:
        // The window's restoreState() put the dock where it was.
        show();
        break;
    }
    followWindowWidth();
}

void ChatDock::countUnread(const Change &change)
{
    const bool folded = (m_minimized || m_autoCollapsed) && m_popover->isHidden();
    if (!folded || change.ownerId != m_ownerId)
        return;
    const ChatMessage *message = change.message();
    if (message && message->role == ChatRole::Assistant)
        m_bubble->setUnread(m_bubble->unread() + 1);
}

} // namespace tandem
