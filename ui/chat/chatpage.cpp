#include "chatpage.h"

#include "chat/chatactions.h"
#include "chat/chatpanel.h"
#include "chat/chatsessiondelegate.h"
#include "chat/chatsessionmodel.h"
#include "chat/chatstyle.h"

#include <QAction>
#include <QFrame>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

namespace tandem {

namespace {
constexpr int sidebarWidth = 280;
constexpr int deleteTitleChars = 80;

QFrame *rule(QWidget *parent, QFrame::Shape shape)
{
    auto *line = new QFrame(parent);
    line->setFrameShape(shape);
    line->setFrameShadow(QFrame::Plain);
    line->setForegroundRole(QPalette::Mid);
    return line;
}
} // namespace

ChatPage::ChatPage(ChatSessionModel &sessions, ChatActions &actions, QWidget *parent)
    : QWidget(parent)
    , m_sessions(sessions)
    , m_actions(actions)
{
    setObjectName(QStringLiteral("ChatPage"));
    setAccessibleName(tr("AI Task Assistant"));

    // The navbar.
    auto *navbar = new QWidget(this);
    navbar->setObjectName(QStringLiteral("chatNavbar"));
    auto *brand = new QLabel(tr("AI Task Assistant"), navbar);
    QFont brandFont = brand->font();
    brandFont.setBold(true);
    brandFont.setPointSizeF(brandFont.pointSizeF() * 1.15);
    brand->setFont(brandFont);
    m_title = new QLabel(navbar);
    m_title->setTextFormat(Qt::PlainText);
    m_title->setForegroundRole(QPalette::PlaceholderText);
    m_title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_side = new QToolButton(navbar);
    m_side->setText(tr("Side panel"));
    m_side->setToolTip(tr("Show the assistant beside your tasks again"));
    m_side->setAccessibleName(tr("Show the assistant beside your tasks"));
    m_side->setAutoRaise(true);
    m_minimize = new QToolButton(navbar);
    m_minimize->setText(tr("Minimize"));
    m_minimize->setToolTip(tr("Back to your tasks; the assistant waits in its bubble"));
    m_minimize->setAccessibleName(tr("Minimize the assistant"));
    m_minimize->setAutoRaise(true);
    m_minimize->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto *navLayout = new QHBoxLayout(navbar);
    navLayout->setContentsMargins(16, 8, 10, 8);
    navLayout->setSpacing(10);
    navLayout->addWidget(brand);
    navLayout->addWidget(rule(navbar, QFrame::VLine));
    navLayout->addWidget(m_title, 1);
    navLayout->addWidget(m_side);
    navLayout->addWidget(m_minimize);

    // The conversations.
    auto *sidebar = new QWidget(this);
    sidebar->setObjectName(QStringLiteral("chatSidebar"));
    m_newChat = new QPushButton(QIcon::fromTheme(QStringLiteral("document-new")), tr("New chat"), sidebar);
    m_newChat->setToolTip(tr("Start a new conversation"));
    m_newChat->setAccessibleName(tr("New chat"));
    m_newChat->setAutoDefault(false);
    m_newChat->setMinimumHeight(m_newChat->sizeHint().height() + 6);
    auto *recent = new QLabel(tr("Recent"), sidebar);
    recent->setForegroundRole(QPalette::PlaceholderText);
    m_sessionList = new QListView(sidebar);
    m_sessionList->setObjectName(QStringLiteral("chatSessionList"));
    m_sessionList->setModel(&m_sessions);
    m_sessionList->setItemDelegate(new ChatSessionDelegate(m_sessionList));
    m_sessionList->setUniformItemSizes(true);
    m_sessionList->setFrameShape(QFrame::NoFrame);
    m_sessionList->setMouseTracking(true);
    m_sessionList->setEditTriggers(QAbstractItemView::EditKeyPressed);
    m_sessionList->setSelectionMode(QAbstractItemView::SingleSelection);
    m_sessionList->setContextMenuPolicy(Qt::CustomContextMenu);
    m_sessionList->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_sessionList->setAccessibleName(tr("Chats"));
    m_sessionList->setAccessibleDescription(tr("Your conversations, most recent first. F2 renames, Delete deletes."));
    auto *sideLayout = new QVBoxLayout(sidebar);
    sideLayout->setContentsMargins(10, 10, 6, 10);
    sideLayout->setSpacing(8);
    sideLayout->addWidget(m_newChat);
    sideLayout->addWidget(recent);
    sideLayout->addWidget(m_sessionList, 1);
    sidebar->setMinimumWidth(200);

    m_panelHost = new QWidget(this);
    auto *hostLayout = new QVBoxLayout(m_panelHost);
    hostLayout->setContentsMargins(0, 0, 0, 0);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(sidebar);
    splitter->addWidget(m_panelHost);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({sidebarWidth, 900});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(navbar);
    layout->addWidget(rule(this, QFrame::HLine));
    layout->addWidget(splitter, 1);

    m_renameAction = new QAction(tr("&Rename"), this);
    m_renameAction->setShortcut(QKeySequence(Qt::Key_F2));
    m_renameAction->setShortcutContext(Qt::WidgetShortcut);
    m_sessionList->addAction(m_renameAction);
    m_deleteAction = new QAction(QIcon::fromTheme(QStringLiteral("edit-delete")), tr("&Delete…"), this);
    m_deleteAction->setShortcut(QKeySequence::Delete);
    m_deleteAction->setShortcutContext(Qt::WidgetShortcut);
    m_sessionList->addAction(m_deleteAction);

    setTabOrder(m_newChat, m_sessionList);

    connect(m_minimize, &QToolButton::clicked, this, &ChatPage::minimizeRequested);
    connect(m_side, &QToolButton::clicked, this, &ChatPage::collapseRequested);
    connect(m_renameAction, &QAction::triggered, this, &ChatPage::renameCurrent);
    connect(m_deleteAction, &QAction::triggered, this, &ChatPage::confirmDelete);
    connect(m_sessionList, &QListView::customContextMenuRequested, this, &ChatPage::showSessionMenu);
    connect(m_sessionList->selectionModel(), &QItemSelectionModel::currentChanged, this, &ChatPage::sessionActivated);
    connect(&m_sessions, &QAbstractItemModel::modelReset, this, &ChatPage::selectCurrentSession);
    connect(&m_sessions, &QAbstractItemModel::rowsInserted, this, &ChatPage::selectCurrentSession);
    connect(&m_sessions, &QAbstractItemModel::rowsMoved, this, &ChatPage::selectCurrentSession);
    connect(&m_sessions, &QAbstractItemModel::dataChanged, this, &ChatPage::updateTitle);
}

ChatPage::~ChatPage() = default;

void ChatPage::setPanel(ChatPanel *panel)
{
    if (m_panel != panel) {
        if (m_panel)
            disconnect(m_panel, nullptr, this, nullptr);
        m_panel = panel;
        connect(m_panel, &ChatPanel::sessionChanged, this, &ChatPage::selectCurrentSession);
        connect(m_newChat, &QPushButton::clicked, m_panel, &ChatPanel::startNewChat, Qt::UniqueConnection);
    }
    m_panelHost->layout()->addWidget(panel);
    panel->show();
    // New chat, the conversations, then the panel's own order (less its hidden
    // header), then the navbar's buttons.
    QList<QWidget *> chain{m_newChat, m_sessionList};
    chain.append(panel->tabChain().mid(1));
    chain.append({m_side, m_minimize});
    for (qsizetype i = 1; i < chain.size(); ++i)
        setTabOrder(chain.at(i - 1), chain.at(i));
    selectCurrentSession();
}

void ChatPage::selectCurrentSession()
{
    updateTitle();
    if (!m_panel)
        return;
    const QModelIndex index = m_sessions.indexOf(m_panel->sessionId());
    if (index.isValid() && index != m_sessionList->currentIndex())
        m_sessionList->setCurrentIndex(index);
    else if (!index.isValid())
        m_sessionList->clearSelection();
}

void ChatPage::sessionActivated(const QModelIndex &index)
{
    if (index.isValid() && m_panel)
        m_panel->setSessionId(index.data(ChatSessionModel::SessionIdRole).toUuid());
}

void ChatPage::updateTitle()
{
    const QModelIndex index = m_panel ? m_sessions.indexOf(m_panel->sessionId()) : QModelIndex();
    const QString title = index.isValid() ? index.data(Qt::DisplayRole).toString() : tr("New chat");
    m_title->setText(title);
    m_title->setToolTip(title);
    m_title->setAccessibleName(tr("Conversation: %1").arg(title));
}

void ChatPage::showSessionMenu(const QPoint &position)
{
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
}

void ChatPage::renameCurrent()
{
    const QModelIndex index = m_sessionList->currentIndex();
    if (index.isValid())
        m_sessionList->edit(index);
}

void ChatPage::confirmDelete()
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
            m_actions.remove(sessionId);
    });
    box->open();
}

} // namespace tandem
