#include "chatdock.h"

#include "chat/chatactions.h"
#include "chat/chatbubblebutton.h"
#include "chat/chatmessagemodel.h"
#include "chat/chatpanel.h"
#include "chat/chatsessionmodel.h"
#include "domain/change.h"
#include "services/chatservice.h"

#include <QAction>
#include <QCoreApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QListView>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QToolButton>
#include <QVBoxLayout>

namespace tandem {

namespace {
constexpr int sessionPaneWidth = 230;
constexpr qreal expandedShare = 0.72; // of the main window's width, when docked
const QSize expandedFloatingSize(960, 640);
constexpr int deleteTitleChars = 80;
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

// Conversations in the list get some air: a title per row, padded.
class SessionItemDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QSize size = QStyledItemDelegate::sizeHint(option, index);
        size.setHeight(std::max(size.height(), option.fontMetrics.height()) + 12);
        return size;
    }
};
} // namespace

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

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setChildrenCollapsible(false);

    m_sessionPane = new QWidget(m_splitter);
    auto *chatsLabel = new QLabel(tr("Chats"), m_sessionPane);
    QFont labelFont = chatsLabel->font();
    labelFont.setBold(true);
    chatsLabel->setFont(labelFont);
    m_sessionList = new QListView(m_sessionPane);
    m_sessionList->setModel(m_sessions);
    m_sessionList->setUniformItemSizes(true);
    m_sessionList->setTextElideMode(Qt::ElideRight);
    m_sessionList->setEditTriggers(QAbstractItemView::EditKeyPressed);
    m_sessionList->setSelectionMode(QAbstractItemView::SingleSelection);
    m_sessionList->setContextMenuPolicy(Qt::CustomContextMenu);
    m_sessionList->setAccessibleName(tr("Chats"));
    m_sessionList->setAccessibleDescription(tr("Your conversations, most recent first. F2 renames, Delete deletes."));
    m_sessionList->setMinimumWidth(160);
    m_sessionList->setItemDelegate(new SessionItemDelegate(m_sessionList));
    auto *paneLayout = new QVBoxLayout(m_sessionPane);
    paneLayout->setContentsMargins(8, 6, 0, 8);
    paneLayout->setSpacing(6);
    paneLayout->addWidget(chatsLabel);
    paneLayout->addWidget(m_sessionList, 1);
    m_sessionPane->hide();

    m_panel = new ChatPanel(*m_sessions, *m_messages, *m_actions, assistant, m_splitter);
    m_panel->setMinimumWidth(260);
    m_splitter->addWidget(m_sessionPane);
    m_splitter->addWidget(m_panel);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({sessionPaneWidth, 600});
    setWidget(m_splitter);
    setFocusProxy(m_panel);

    m_toggleAction = new QAction(tr("&Assistant"), this);
    m_toggleAction->setCheckable(true);
    m_toggleAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    m_toggleAction->setToolTip(tr("Show or hide the assistant"));

    m_expandAction = new QAction(tr("&Expand"), this);
    m_expandAction->setCheckable(true);
    m_expandAction->setToolTip(tr("Expand into a full chat view with your conversations"));

    m_minimizeAction = new QAction(tr("&Minimize"), this);
    m_minimizeAction->setToolTip(tr("Minimize to a chat bubble"));

    m_renameAction = new QAction(tr("&Rename"), this);
    m_renameAction->setShortcut(QKeySequence(Qt::Key_F2));
    m_renameAction->setShortcutContext(Qt::WidgetShortcut);
    m_sessionList->addAction(m_renameAction);
    m_deleteAction = new QAction(QIcon::fromTheme(QStringLiteral("edit-delete")), tr("&Delete…"), this);
    m_deleteAction->setShortcut(QKeySequence::Delete);
    m_deleteAction->setShortcutContext(Qt::WidgetShortcut);
    m_sessionList->addAction(m_deleteAction);

    m_bubble = new ChatBubbleButton(window);
    m_bubble->hide();

    setTitleBarWidget(createTitleBar());

    connect(m_toggleAction, &QAction::triggered, this, [this](bool show) {
        if (show) {
            restore();
            return;
        }
        m_minimized = false;
        m_bubble->hide();
        hide();
    });
    connect(m_expandAction, &QAction::toggled, this, &ChatDock::setExpanded);
    connect(m_minimizeAction, &QAction::triggered, this, &ChatDock::minimize);
    connect(m_bubble, &ChatBubbleButton::clicked, this, &ChatDock::restore);
    connect(m_renameAction, &QAction::triggered, this, &ChatDock::renameCurrent);
    connect(m_deleteAction, &QAction::triggered, this, &ChatDock::confirmDelete);
    connect(m_sessionList, &QListView::customContextMenuRequested, this, [this](const QPoint &position) {
        const QModelIndex index = m_sessionList->indexAt(position);
        if (index.isValid())
            m_sessionList->setCurrentIndex(index);
        if (!m_sessionList->currentIndex().isValid())
            return;
        auto *menu = new QMenu(m_sessionList);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->addAction(m_renameAction);
        menu->addAction(m_deleteAction);
        const QRect rect = m_sessionList->visualRect(m_sessionList->currentIndex());
        menu->popup(m_sessionList->viewport()->mapToGlobal(rect.contains(position) ? position : rect.center()));
    });
    connect(m_sessionList->selectionModel(), &QItemSelectionModel::currentChanged, this, &ChatDock::sessionActivated);
    connect(m_panel, &ChatPanel::sessionChanged, this, &ChatDock::selectCurrentSession);
    connect(m_panel, &ChatPanel::taskActivated, this, &ChatDock::taskActivated);
    connect(m_sessions, &QAbstractItemModel::modelReset, this, &ChatDock::selectCurrentSession);
    connect(m_sessions, &QAbstractItemModel::rowsInserted, this, &ChatDock::selectCurrentSession);
    connect(m_sessions, &ChatSessionModel::renameRequested, m_actions, &ChatActions::rename);
    connect(m_sessions, &ChatSessionModel::loadFailed, this, &ChatDock::failed);
    connect(m_messages, &ChatMessageModel::loadFailed, this, &ChatDock::failed);
    connect(m_actions, &ChatActions::failed, this, &ChatDock::failed);
    connect(&chats, &ChatService::changed, this, &ChatDock::countUnread);
    connect(this, &QDockWidget::topLevelChanged, this, &ChatDock::updateTitleButtons);

    updateTitleButtons();
    m_sessions->reload();
}

ChatDock::~ChatDock() = default;

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
                                          : tr("Expand into a full chat view with your conversations"));
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

int ChatDock::unreadCount() const
{
    return m_bubble->unread();
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
        m_sessionPane->show();
        selectCurrentSession();
        if (isFloating()) {
            m_collapsedGeometry = geometry();
            resize(std::max(width(), expandedFloatingSize.width()), std::max(height(), expandedFloatingSize.height()));
        } else {
            m_collapsedWidth = width();
            m_window->resizeDocks({this}, {int(m_window->width() * expandedShare)}, Qt::Horizontal);
        }
        m_splitter->setSizes({sessionPaneWidth, std::max(1, m_splitter->width() - sessionPaneWidth)});
        return;
    }
    m_sessionPane->hide();
    // Let the layouts see the list gone first, else the dock's minimum width
    // still counts it and the main window refuses the narrower width.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    if (isFloating()) {
        if (m_collapsedGeometry.isValid())
            setGeometry(m_collapsedGeometry);
    } else if (m_collapsedWidth > 0) {
        m_window->resizeDocks({this}, {m_collapsedWidth}, Qt::Horizontal);
    }
}

void ChatDock::minimize()
{
    if (m_minimized)
        return;
    m_minimized = true;
    m_bubble->setUnread(0);
    hide();
    m_bubble->show();
    m_bubble->setFocus(Qt::OtherFocusReason);
}

void ChatDock::restore()
{
    m_minimized = false;
    m_bubble->hide();
    m_bubble->setUnread(0);
    show();
    raise();
    if (isFloating())
        activateWindow();
    m_panel->focusInput();
}

void ChatDock::countUnread(const Change &change)
{
    if (!m_minimized || change.ownerId != m_ownerId)
        return;
    const ChatMessage *message = change.message();
    if (message && message->role == ChatRole::Assistant)
        m_bubble->setUnread(m_bubble->unread() + 1);
}

void ChatDock::selectCurrentSession()
{
    const QModelIndex index = m_sessions->indexOf(m_panel->sessionId());
    if (index.isValid() && index != m_sessionList->currentIndex())
        m_sessionList->setCurrentIndex(index);
    else if (!index.isValid())
        m_sessionList->clearSelection();
}

void ChatDock::sessionActivated(const QModelIndex &index)
{
    if (index.isValid())
        m_panel->setSessionId(index.data(ChatSessionModel::SessionIdRole).toUuid());
}

void ChatDock::renameCurrent()
{
    const QModelIndex index = m_sessionList->currentIndex();
    if (index.isValid())
        m_sessionList->edit(index);
}

void ChatDock::confirmDelete()
{
    const QModelIndex index = m_sessionList->currentIndex();
    if (!index.isValid())
        return;
    const QUuid sessionId = index.data(ChatSessionModel::SessionIdRole).toUuid();
    QString title = index.data(Qt::DisplayRole).toString();
    if (title.size() > deleteTitleChars)
        title = title.left(deleteTitleChars - 1) + u'…';
    auto *box = new QMessageBox(QMessageBox::Question, tr("Delete Chat"), tr("Delete “%1”?").arg(title),
                                QMessageBox::NoButton, this);
    box->setInformativeText(tr("Its messages are deleted too. Tasks it created stay in your list."));
    QPushButton *remove = box->addButton(tr("Delete"), QMessageBox::DestructiveRole);
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, remove, sessionId](QAbstractButton *button) {
        if (button == remove)
            m_actions->remove(sessionId);
    });
    box->open();
}

} // namespace tandem
