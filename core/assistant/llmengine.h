#pragma once

#include "externalengine.h"

#include <QJsonArray>
#include <QLoggingCategory>
#include <QObject>
#include <QUrl>

#include <memory>

class QNetworkAccessManager;

namespace tandem::assistant {

Q_DECLARE_LOGGING_CATEGORY(lcLlm) // "tandem.assistant.llm": the engine, its settings and key

struct LlmConfig
{
    QUrl baseUrl; // the API root: http://localhost:11434/v1, https://api.openai.com/v1
    QString model; // "llama3.1", "gpt-4o-mini"
    QString apiKey; // sent as "Authorization: Bearer" when not empty; never logged or shown
    int timeoutMs = 30'000; // for each request to the model
    int maxToolRounds = 6; // answers with tool calls before the model must reply
    int historyTokenBudget = 3'000; // earlier messages sent along (estimated at 4 characters a token)
    double temperature = 0.2;
};

// A language model behind any OpenAI-compatible /chat/completions endpoint
// (OpenAI, Ollama, llama.cpp's server, LM Studio), with the TurnTools as its
// tools. One respond() is one turn: the model may call tools for up to
// maxToolRounds answers, then must reply in words. Failures (a timeout, an
// unreachable host, HTTP 401/429/5xx, an answer that is not what the API
// promises, a model that keeps calling tools) end the turn with an Error whose
// message tells the user what went wrong, without the API key or the URL's
// query; AssistantService then lets the built-in engine answer. Such errors
// carry code Storage (the vocabulary has none for "another server failed")
// and a `reason`: llm_timeout, llm_unreachable, llm_unauthorized,
// llm_rate_limited (details.retryAfter when sent), llm_failed (5xx),
// llm_refused (other 4xx), llm_bad_response, llm_tool_loop. A config without
// an http(s) endpoint or a model fails with Validation naming
// assistant/endpoint or assistant/model.
//
// Lives on one thread: call respond() and testConnection() on this object's
// thread; their callbacks run there, always later (never inside the call), and
// never after this object is destroyed. Several turns may run at once.
class LlmEngine final
    : public QObject
    , public ExternalEngine
{
    Q_OBJECT

public:
    static constexpr int MaxToolCallsPerAnswer = 16;
    static constexpr qint64 MaxResponseBytes = 4 * 1024 * 1024;

    explicit LlmEngine(LlmConfig config, QObject *parent = nullptr);
    ~LlmEngine() override;
    Q_DISABLE_COPY_MOVE(LlmEngine)

    const LlmConfig &config() const { return m_config; }

    void respond(const ExternalTurn &turn, ToolHost &tools, std::function<void(Result<QString>)> done) override;

    // One tiny request without tools (Settings' "Test connection"): the
    // model's few words, or what went wrong. `done` is not called if `context`
    // is destroyed first.
    void testConnection(QObject *context, std::function<void(Result<QString>)> done);

    // What a turn sends before the tools' results: the system prompt, the most
    // recent history within the token budget, the user's message (tests).
    static QString systemPrompt(const ExternalTurn &turn);
    static QJsonArray messagesFor(const ExternalTurn &turn, int historyTokenBudget);
    static int estimatedTokens(const QString &text);

    // "localhost:11434" for http://localhost:11434/v1?x=y: how errors name the endpoint.
    static QString hostLabel(const QUrl &url);

private:
    struct Run;
    void post(const std::shared_ptr<Run> &run);
    void received(const std::shared_ptr<Run> &run);
    void answer(const std::shared_ptr<Run> &run, const QJsonObject &message);
    void finish(const std::shared_ptr<Run> &run, Result<QString> result);
    QUrl completionsUrl() const;

    LlmConfig m_config;
    std::unique_ptr<QNetworkAccessManager> m_network;
    QList<std::shared_ptr<Run>> m_runs;
};

} // namespace tandem::assistant
