#include "llmengine.h"

#include "domain/settingsschema.h"

#include "turntools.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QRegularExpression>
#include <QThread>
#include <QTimer>

namespace tandem::assistant {

Q_LOGGING_CATEGORY(lcLlm, "tandem.assistant.llm")

namespace {

constexpr qsizetype maxServerMessage = 200;

const QString kRole = QStringLiteral("role");
const QString kContent = QStringLiteral("content");
const QString kToolCalls = QStringLiteral("tool_calls");

QJsonObject chatMessage(const QString &role, const QString &content)
{
    return QJsonObject{{kRole, role}, {kContent, content}};
}

// The text of a message's content: a string, null (with tool calls), or the
// newer array of parts ([{"type": "text", "text": "..."}]).
QString contentText(const QJsonValue &content)
{
    if (content.isString())
        return content.toString();
    QString text;
    const QJsonArray parts = content.toArray();
    for (const QJsonValue &part : parts) {
        if (part.isString())
            text += part.toString();
        else if (part.toObject().value(QStringLiteral("type")).toString() == u"text")
            text += part.toObject().value(QStringLiteral("text")).toString();
    }
    return text;
}

// Reasoning models served through Ollama or llama.cpp may put their thinking
// first, in <think>...</think>: the user gets the answer only.
QString withoutThinking(QString text)
{
    static const QRegularExpression thinking(QStringLiteral("^\\s*<think>.*?</think>"),
                                             QRegularExpression::DotMatchesEverythingOption);
    text.remove(thinking);
    return text.trimmed();
}

// The server's own explanation in an error body ({"error": {"message": ...}}
// or {"error": "..."}), shortened and without the key, for 4xx answers other
// than 401/403 (where it is left out altogether).
QString serverMessage(const QByteArray &body, const QString &apiKey)
{
    const QJsonObject json = QJsonDocument::fromJson(body).object();
    const QJsonValue error = json.value(QStringLiteral("error"));
    QString message
        = error.isString() ? error.toString() : error.toObject().value(QStringLiteral("message")).toString();
    if (!apiKey.isEmpty())
        message.replace(apiKey, QStringLiteral("***"));
    message = message.simplified();
    if (message.size() > maxServerMessage)
        message = message.left(maxServerMessage - 1) + u'…';
    return message;
}

// The model's server failed us. Not Unauthorized or RateLimited even for its
// 401 and 429: those codes mean *our caller's* credentials or pace, and a
// client told "unauthorized" would sign out. `reason` says which failure.
Error upstream(const QString &message, const QString &reason)
{
    Error error = Error::storage(message);
    error.reason = reason;
    return error;
}

} // namespace

struct LlmEngine::Run
{
    ToolHost *tools = nullptr; // null: a connection test, without tools
    std::function<void(Result<QString>)> done;
    QJsonArray messages;
    int toolRounds = 0;
    QPointer<QNetworkReply> reply;
    QPointer<QTimer> timer;
    bool timedOut = false;
    bool tooLarge = false;
    bool finished = false;
};

LlmEngine::LlmEngine(LlmConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_network(std::make_unique<QNetworkAccessManager>())
{
    // Not a child: destroyed explicitly, after the replies are disconnected.
    m_network->setObjectName(QStringLiteral("LlmEngine network"));
}

LlmEngine::~LlmEngine()
{
    // No callback may run once the engine is gone: its owner is going too.
    const auto runs = std::exchange(m_runs, {});
    for (const auto &run : runs) {
        run->finished = true;
        if (run->reply) {
            run->reply->disconnect(this);
            run->reply->abort();
        }
    }
    m_network.reset();
}

QString LlmEngine::hostLabel(const QUrl &url)
{
    QString host = url.host();
    if (host.contains(u':'))
        host = u'[' + host + u']';
    if (host.isEmpty())
        host = QStringLiteral("(no host)");
    return url.port() == -1 ? host : host + u':' + QString::number(url.port());
}

int LlmEngine::estimatedTokens(const QString &text)
{
    return int((text.size() + 3) / 4);
}

QString LlmEngine::systemPrompt(const ExternalTurn &turn)
{
    const QString user = turn.userName.trimmed().isEmpty() ? QStringLiteral("the user") : turn.userName.trimmed();
    return QStringLiteral(
               "You are the task assistant in Tandem, a task manager, talking with %1. It is now %2.\n"
               "You see and change %1's tasks only through the tools. Rules:\n"
               "- Act on a task by its id, taken from the results of list_tasks or add_task. To find a task's id, "
               "call list_tasks (its text filter searches titles). Never invent ids.\n"
               "- Pass dates and times exactly as the user said them (\"tomorrow 9am\", \"next friday\", "
               "\"March 3\"); never work out dates yourself.\n"
               "- When a request is ambiguous (several tasks could be meant, or it is unclear what should change), "
               "ask one short question instead of guessing.\n"
               "- Changing or deleting more than one task needs the user's yes: when a tool answers "
               "needs_confirmation, nothing was done by that call; ask the user to confirm and change nothing else.\n"
               "- Never say that a task was added, changed, completed, reopened or deleted unless a tool's result "
               "confirmed it. When a tool returns an error, tell the user plainly what went wrong.\n"
               "- Keep replies short, one or two sentences, and name the tasks you changed by title.")
        .arg(user, turn.nowText);
}

QJsonArray LlmEngine::messagesFor(const ExternalTurn &turn, int historyTokenBudget)
{
    QJsonArray recent; // newest first while collecting
    int spent = 0;
    for (qsizetype i = turn.history.size() - 1; i >= 0; --i) {
        const ChatMessage &message = turn.history.at(i);
        if (message.content.trimmed().isEmpty())
            continue;
        const int tokens = estimatedTokens(message.content);
        if (spent + tokens > historyTokenBudget)
            break; // the conversation stays contiguous: nothing older than what did not fit
        spent += tokens;
        recent.append(chatMessage(message.role == ChatRole::User ? QStringLiteral("user") : QStringLiteral("assistant"),
                                  message.content));
    }
    QJsonArray messages{chatMessage(QStringLiteral("system"), systemPrompt(turn))};
    for (qsizetype i = recent.size() - 1; i >= 0; --i)
        messages.append(recent.at(i));
    messages.append(chatMessage(QStringLiteral("user"), turn.message));
    return messages;
}

QUrl LlmEngine::completionsUrl() const
{
    QUrl url = m_config.baseUrl;
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path + QStringLiteral("/chat/completions"));
    return url;
}

void LlmEngine::respond(const ExternalTurn &turn, ToolHost &tools, std::function<void(Result<QString>)> done)
{
    Q_ASSERT(QThread::currentThread() == thread());
    auto run = std::make_shared<Run>();
    run->tools = &tools;
    run->done = std::move(done);
    run->messages = messagesFor(turn, m_config.historyTokenBudget);
    m_runs.append(run);
    post(run);
}

void LlmEngine::testConnection(QObject *context, std::function<void(Result<QString>)> done)
{
    Q_ASSERT(QThread::currentThread() == thread());
    auto run = std::make_shared<Run>();
    run->done = [guard = QPointer<QObject>(context), done = std::move(done)](Result<QString> result) {
        if (guard)
            done(std::move(result));
    };
    run->messages = QJsonArray{chatMessage(QStringLiteral("user"), QStringLiteral("Reply with the single word OK."))};
    m_runs.append(run);
    post(run);
}

void LlmEngine::post(const std::shared_ptr<Run> &run)
{
    const QString host = hostLabel(m_config.baseUrl);
    const bool validUrl = m_config.baseUrl.isValid()
        && (m_config.baseUrl.scheme() == u"http" || m_config.baseUrl.scheme() == u"https")
        && !m_config.baseUrl.host().isEmpty();
    if (!validUrl) {
        finish(run,
               Error::validation(Settings::assistantEndpoint.key(),
                                 QStringLiteral("The AI model's endpoint is not an http:// or https:// address; "
                                                "check it in Settings.")));
        return;
    }
    if (m_config.model.trimmed().isEmpty()) {
        finish(run,
               Error::validation(Settings::assistantModel.key(),
                                 QStringLiteral("No AI model is chosen; name one in Settings.")));
        return;
    }

    QJsonObject body{{QStringLiteral("model"), m_config.model.trimmed()},
                     {QStringLiteral("messages"), run->messages},
                     {QStringLiteral("stream"), false}};
    if (run->tools) {
        body.insert(QStringLiteral("tools"), TurnTools::definitions());
        body.insert(QStringLiteral("tool_choice"), QStringLiteral("auto"));
        body.insert(QStringLiteral("temperature"), m_config.temperature);
    } else {
        body.insert(QStringLiteral("temperature"), 0);
    }

    QNetworkRequest request(completionsUrl());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setRawHeader("Accept", "application/json");
    // A redirect elsewhere would carry the key to another server.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::SameOriginRedirectPolicy);
    if (!m_config.apiKey.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_config.apiKey.toUtf8());

    QNetworkReply *reply = m_network->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    run->reply = reply;
    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    run->timer = timer;
    connect(timer, &QTimer::timeout, reply, [run, reply] {
        run->timedOut = true;
        reply->abort();
    });
    connect(reply, &QNetworkReply::downloadProgress, reply, [run, reply](qint64 received, qint64) {
        if (received > MaxResponseBytes && !run->tooLarge) {
            run->tooLarge = true;
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::finished, this, [this, run] { received(run); });
    timer->start(std::max(1, m_config.timeoutMs));
    qCDebug(lcLlm).noquote() << "asking" << m_config.model << "at" << host << "(round" << run->toolRounds + 1 << "with"
                             << run->messages.size() << "messages)";
}

void LlmEngine::received(const std::shared_ptr<Run> &run)
{
    QNetworkReply *reply = run->reply;
    if (!reply || run->finished)
        return;
    run->reply = nullptr;
    if (run->timer)
        run->timer->stop();
    reply->deleteLater();

    const QString host = hostLabel(m_config.baseUrl);
    if (run->timedOut) {
        const int seconds = std::max(1, (m_config.timeoutMs + 999) / 1000);
        finish(run,
               upstream(QStringLiteral("The AI model at %1 did not answer within %2 s.").arg(host).arg(seconds),
                        QStringLiteral("llm_timeout")));
        return;
    }
    if (run->tooLarge) {
        finish(run,
               upstream(QStringLiteral("The AI model at %1 sent an answer larger than %2 MB.")
                            .arg(host)
                            .arg(MaxResponseBytes / (1024 * 1024)),
                        QStringLiteral("llm_bad_response")));
        return;
    }

    const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const int status = statusAttribute.isValid() ? statusAttribute.toInt() : 0;
    const QByteArray body = reply->readAll();
    if (status != 0)
        qCDebug(lcLlm).noquote() << "HTTP" << status << "from" << host << "with" << body.size() << "bytes";

    if (status == 401 || status == 403) {
        finish(run,
               upstream(QStringLiteral("The AI model refused the API key (%1); check it in Settings.").arg(status),
                        QStringLiteral("llm_unauthorized")));
        return;
    }
    if (status == 429) {
        bool ok = false;
        const int retryAfter = reply->rawHeader("Retry-After").trimmed().toInt(&ok);
        Error error = upstream(QStringLiteral("The AI model is rate-limiting requests (429); try again later."),
                               QStringLiteral("llm_rate_limited"));
        if (ok)
            error.details.insert(QStringLiteral("retryAfter"), retryAfter);
        finish(run, error);
        return;
    }
    if (status >= 500) {
        finish(run,
               upstream(QStringLiteral("The AI model failed (HTTP %1).").arg(status), QStringLiteral("llm_failed")));
        return;
    }
    if (status >= 400) {
        const QString said = serverMessage(body, m_config.apiKey);
        const QString hint = status == 404 ? QStringLiteral("check the endpoint and the model name in Settings")
                                           : QStringLiteral("check the model and its settings");
        finish(run,
               upstream(said.isEmpty() ? QStringLiteral("The AI model at %1 refused the request (HTTP %2); %3.")
                                             .arg(host)
                                             .arg(status)
                                             .arg(hint)
                                       : QStringLiteral("The AI model at %1 refused the request (HTTP %2: %3); %4.")
                                             .arg(host)
                                             .arg(status)
                                             .arg(said, hint),
                        QStringLiteral("llm_refused")));
        return;
    }
    if (status == 0 || reply->error() != QNetworkReply::NoError) {
        // reply->errorString() names the full URL: never shown.
        QString message;
        switch (reply->error()) {
        case QNetworkReply::TimeoutError:
            message = QStringLiteral("The AI model at %1 did not answer in time.").arg(host);
            break;
        case QNetworkReply::RemoteHostClosedError:
            message = QStringLiteral("The AI model at %1 closed the connection without answering.").arg(host);
            break;
        case QNetworkReply::SslHandshakeFailedError:
            message = QStringLiteral("Cannot make a secure connection to the AI model at %1 (the TLS handshake "
                                     "failed).")
                          .arg(host);
            break;
        case QNetworkReply::InsecureRedirectError:
        case QNetworkReply::TooManyRedirectsError:
            message = QStringLiteral("The AI model at %1 redirected the request elsewhere; check the endpoint in "
                                     "Settings.")
                          .arg(host);
            break;
        default:
            message = QStringLiteral("Cannot reach the AI model at %1.").arg(host);
            break;
        }
        qCDebug(lcLlm).noquote() << "network error" << reply->error() << "for" << host;
        finish(run, upstream(message, QStringLiteral("llm_unreachable")));
        return;
    }

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        finish(run,
               upstream(QStringLiteral("The AI model at %1 sent an answer that is not valid JSON.").arg(host),
                        QStringLiteral("llm_bad_response")));
        return;
    }
    const QJsonObject json = document.object();
    const QJsonArray choices = json.value(QStringLiteral("choices")).toArray();
    if (choices.isEmpty()) {
        const QString said = serverMessage(body, m_config.apiKey);
        finish(run,
               upstream(said.isEmpty() ? QStringLiteral("The AI model at %1 sent no answer (no choices).").arg(host)
                                       : QStringLiteral("The AI model at %1 sent no answer: %2.").arg(host, said),
                        QStringLiteral("llm_bad_response")));
        return;
    }
    const QJsonValue message = choices.at(0).toObject().value(QStringLiteral("message"));
    if (!message.isObject()) {
        finish(run,
               upstream(QStringLiteral("The AI model at %1 sent an answer without a message.").arg(host),
                        QStringLiteral("llm_bad_response")));
        return;
    }
    answer(run, message.toObject());
}

void LlmEngine::answer(const std::shared_ptr<Run> &run, const QJsonObject &message)
{
    const QJsonArray calls = message.value(kToolCalls).toArray();
    if (calls.isEmpty() || !run->tools) {
        const QString text = withoutThinking(contentText(message.value(kContent)));
        if (text.isEmpty()) {
            finish(run,
                   upstream(QStringLiteral("The AI model at %1 sent an empty answer.").arg(hostLabel(m_config.baseUrl)),
                            QStringLiteral("llm_bad_response")));
            return;
        }
        finish(run, text);
        return;
    }
    if (run->toolRounds >= m_config.maxToolRounds) {
        finish(run,
               upstream(QStringLiteral("The AI model kept calling tools without answering (stopped after %1 "
                                       "rounds).")
                            .arg(run->toolRounds),
                        QStringLiteral("llm_tool_loop")));
        return;
    }
    if (calls.size() > MaxToolCallsPerAnswer) {
        finish(run,
               upstream(QStringLiteral("The AI model asked for %1 tool calls at once (the limit is %2).")
                            .arg(calls.size())
                            .arg(MaxToolCallsPerAnswer),
                        QStringLiteral("llm_tool_loop")));
        return;
    }
    ++run->toolRounds;

    // The assistant's message goes back as the API expects it (arguments as a
    // string, an id on every call), followed by one "tool" message per call.
    QJsonArray echoed;
    QJsonArray results;
    for (qsizetype i = 0; i < calls.size(); ++i) {
        const QJsonObject call = calls.at(i).toObject();
        const QJsonObject function = call.value(QStringLiteral("function")).toObject();
        const QString name = function.value(QStringLiteral("name")).toString();
        QString id = call.value(QStringLiteral("id")).toString();
        if (id.isEmpty())
            id = QStringLiteral("call_%1_%2").arg(run->toolRounds).arg(i);

        const QJsonValue rawArguments = function.value(QStringLiteral("arguments"));
        QString argumentsText;
        std::optional<QJsonObject> arguments;
        if (rawArguments.isObject()) { // some servers send an object, not its JSON text
            arguments = rawArguments.toObject();
            argumentsText = QString::fromUtf8(QJsonDocument(*arguments).toJson(QJsonDocument::Compact));
        } else {
            argumentsText = rawArguments.toString();
            if (argumentsText.trimmed().isEmpty()) {
                arguments = QJsonObject();
            } else {
                QJsonParseError error;
                const QJsonDocument parsed = QJsonDocument::fromJson(argumentsText.toUtf8(), &error);
                if (error.error == QJsonParseError::NoError && parsed.isObject())
                    arguments = parsed.object();
            }
        }

        QJsonObject result;
        if (!arguments) {
            qCDebug(lcLlm).noquote() << "the model called" << name.left(64) << "with arguments that are not JSON";
            result = QJsonObject{{QStringLiteral("error"), QStringLiteral("arguments were not valid JSON")}};
        } else {
            result = run->tools->call(name, *arguments);
            qCDebug(lcLlm).noquote() << "tool" << name.left(64)
                                     << (result.contains(QStringLiteral("error")) ? "refused" : "done");
        }
        echoed.append(
            QJsonObject{{QStringLiteral("id"), id},
                        {QStringLiteral("type"), QStringLiteral("function")},
                        {QStringLiteral("function"),
                         QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("arguments"), argumentsText}}}});
        results.append(
            QJsonObject{{kRole, QStringLiteral("tool")},
                        {QStringLiteral("tool_call_id"), id},
                        {kContent, QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Compact))}});
    }
    const QString text = contentText(message.value(kContent));
    run->messages.append(QJsonObject{{kRole, QStringLiteral("assistant")},
                                     {kContent, text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text)},
                                     {kToolCalls, echoed}});
    for (const QJsonValue &result : std::as_const(results))
        run->messages.append(result);
    post(run);
}

void LlmEngine::finish(const std::shared_ptr<Run> &run, Result<QString> result)
{
    if (run->finished)
        return;
    run->finished = true;
    m_runs.removeOne(run);
    if (!result)
        qCDebug(lcLlm).noquote() << "the turn ended without an answer:" << result.error().message;
    // Always later, and never once this engine is gone (the queued call dies with it).
    QMetaObject::invokeMethod(
        this, [done = std::move(run->done), result = std::move(result)] { done(result); }, Qt::QueuedConnection);
}

} // namespace tandem::assistant
