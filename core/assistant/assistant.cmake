# core/assistant: the quick-add parser, the built-in engine, the conversation service.
target_sources(tandem_core PRIVATE
    assistant/datewords.cpp assistant/datewords.h
    assistant/duephrase.cpp assistant/duephrase.h
    assistant/quickadd.cpp assistant/quickadd.h
    assistant/assistantservice.cpp assistant/assistantservice.h
    assistant/builtinengine.cpp assistant/builtinengine.h
    assistant/catalog.cpp assistant/catalog.h
    assistant/conversation.cpp assistant/conversation.h
    assistant/externalengine.h
    assistant/patterns.cpp assistant/patterns.h
    assistant/phrasing.cpp assistant/phrasing.h
    assistant/taskops.cpp assistant/taskops.h
    assistant/text.cpp assistant/text.h
    assistant/turntools.cpp assistant/turntools.h
    assistant/llmengine.cpp assistant/llmengine.h
    assistant/llmsettings.cpp assistant/llmsettings.h
)
