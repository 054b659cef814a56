#include "interact.h"

#include "launch.h"

#include "common/backgroundrunner.h"
#include "dashboard/dashboardview.h"
#include "dashboard/listfilterbar.h"
#include "dashboard/taskactions.h"
#include "dashboard/taskmodel.h"
#include "services/taskreplica.h"
#include "services/taskreplicafeed.h"
#include "services/taskservice.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLineEdit>
#include <QRandomGenerator>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

#include <functional>

namespace tandem::bench {

namespace {

// Types "renew passport", then takes it back, over and over: each press from
// the key event to the list's viewport repainted.
QList<double> typeKeystrokes(QLineEdit *field, QWidget *viewport, int keystrokes)
{
    const QString phrase = QStringLiteral("renew passport");
    QList<double> times;
    QElapsedTimer clock;
    int typed = 0;
    bool erasing = false;
    while (times.size() < keystrokes) {
        const bool back = erasing;
        const QChar letter = back ? QChar() : phrase.at(typed);
        const int key
            = back ? int(Qt::Key_Backspace) : (letter == u' ' ? int(Qt::Key_Space) : letter.toUpper().unicode());
        QKeyEvent press(QEvent::KeyPress, key, Qt::NoModifier, back ? QString() : QString(letter));
        QKeyEvent release(QEvent::KeyRelease, key, Qt::NoModifier, back ? QString() : QString(letter));
        clock.start();
        QApplication::sendEvent(field, &press);
        QApplication::sendEvent(field, &release);
        viewport->repaint();
        times.append(double(clock.nsecsElapsed()) / 1e6);
        typed += back ? -1 : 1;
        if (typed == phrase.size())
            erasing = true;
        else if (typed == 0)
            erasing = false;
    }
    return times;
}

// Runs the event loop for `seconds` with `change` called 50 times a second;
// how late each 4 ms tick of a precise timer came.
QList<double> measureLag(int seconds, const std::function<void()> &change, int *changes)
{
    QList<double> lag;
    QEventLoop loop;
    QTimer changer;
    changer.setTimerType(Qt::PreciseTimer);
    changer.setInterval(20);
    QObject::connect(&changer, &QTimer::timeout, &loop, [&] {
        change();
        ++*changes;
    });
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(4);
    QElapsedTimer since;
    QObject::connect(&probe, &QTimer::timeout, &loop, [&] {
        if (since.isValid())
            lag.append(std::max(0.0, double(since.nsecsElapsed()) / 1e6 - 4.0));
        since.start();
    });
    QTimer::singleShot(seconds * 1000, &loop, &QEventLoop::quit);
    changer.start();
    probe.start();
    loop.exec();
    return lag;
}

void settle(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

Interaction measurePeer(const QList<Task> &tasks, int keystrokes, int lagSeconds)
{
    Interaction result;
    QStandardItemModel source(0, 4);
    source.setHorizontalHeaderLabels(
        {QStringLiteral("Task"), QStringLiteral("Priority"), QStringLiteral("Due"), QStringLiteral("Tags")});
    for (const Task &task : tasks) {
        QList<QStandardItem *> row{new QStandardItem(task.title), new QStandardItem(taskPriorityName(task.priority)),
                                   new QStandardItem(task.due.toIsoString()),
                                   new QStandardItem(task.tags.join(QStringLiteral(", ")))};
        source.appendRow(row);
    }
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&source);
    proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy.setFilterKeyColumn(0);
    proxy.setDynamicSortFilter(true);
    proxy.sort(2);
    QWidget window;
    auto *field = new QLineEdit(&window);
    auto *view = new QTreeView(&window);
    view->setUniformRowHeights(true);
    view->setRootIsDecorated(false);
    view->setModel(&proxy);
    auto *layout = new QVBoxLayout(&window);
    layout->addWidget(field);
    layout->addWidget(view);
    QObject::connect(field, &QLineEdit::textChanged, &proxy, &QSortFilterProxyModel::setFilterFixedString);
    window.resize(1100, 660);
    window.show();
    settle(300);
    result.shownRows = proxy.rowCount();
    result.keystrokeMs = typeKeystrokes(field, view->viewport(), keystrokes);
    field->clear();
    auto *random = QRandomGenerator::global();
    result.lagMs = measureLag(
        lagSeconds,
        [&] {
            const int row = int(random->bounded(source.rowCount()));
            QElapsedTimer call;
            call.start();
            source.item(row, 0)->setText(source.item(row, 0)->text() + u'.');
            source.item(row, 2)->setText(QDate::currentDate().addDays(random->bounded(60)).toString(Qt::ISODate));
            result.applyMs.append(double(call.nsecsElapsed()) / 1e6);
        },
        &result.changes);
    return result;
}

} // namespace

InteractionPair measureInteraction(const QString &dataDir, int keystrokes, int lagSeconds, QString *error)
{
    InteractionPair pair;
    auto data = openDataDir(dataDir, error);
    if (!data)
        return pair;
    const User &owner = data->owner;
    TaskService service(*data->store);
    QList<Task> open;
    {
        BackgroundRunner runner;
        TaskReplica replica;
        TaskReplicaFeed feed(service, replica, owner.id);
        feed.load();
        while (!replica.isLoaded())
            settle(20);
        TaskModel model(replica);
        TaskActions actions(service, runner, owner.id);
        DashboardView dashboard(model, actions);
        dashboard.groupAction()->setChecked(true);
        dashboard.resize(1100, 660);
        dashboard.show();
        settle(300);
        pair.tandem.shownRows = model.taskCount();
        pair.tandem.keystrokeMs
            = typeKeystrokes(dashboard.filterBar()->searchField(), dashboard.view()->viewport(), keystrokes);
        dashboard.filterBar()->searchField()->clear();
        auto *random = QRandomGenerator::global();
        // Changes as another device's would arrive: a newer version of some task.
        pair.tandem.lagMs = measureLag(
            lagSeconds,
            [&] {
                Task task = replica.entryAt(random->bounded(replica.size())).task;
                task.title += u'.';
                task.due = Due::onDate(QDate::currentDate().addDays(random->bounded(60)));
                task.revision += 1;
                QElapsedTimer call;
                call.start();
                replica.apply(task);
                pair.tandem.applyMs.append(double(call.nsecsElapsed()) / 1e6);
            },
            &pair.tandem.changes);
        for (int slot = 0; slot < replica.size(); ++slot) {
            if (replica.entryAt(slot).isOpen())
                open.append(replica.entryAt(slot).task);
        }
        runner.waitForDone();
    }
    pair.peer = measurePeer(open, keystrokes, lagSeconds);
    return pair;
}

} // namespace tandem::bench
