#include "ai/PromptLibrary.h"

#include "ai/PromptVariables.h"
#include "process/ShellQuote.h"

#include <QFile>
#include <QSet>

#include <yaml-cpp/yaml.h>

namespace quayside::ai {

namespace {

class ParseError : public std::runtime_error
{
public:
    ParseError(const YAML::Node& node, const QString& message)
        : std::runtime_error(message.toStdString())
        , line(node.Mark().line >= 0 ? node.Mark().line + 1 : 0)
    { }
    int line;
};

QString scalar(const YAML::Node& node, const char* key, bool required, const YAML::Node& owner)
{
    const YAML::Node value = node[key];
    if (!value || value.IsNull()) {
        if (required)
            throw ParseError(owner, QStringLiteral("`%1` is required").arg(QLatin1String(key)));
        return {};
    }
    if (!value.IsScalar())
        throw ParseError(value, QStringLiteral("`%1` must be text").arg(QLatin1String(key)));
    return QString::fromStdString(value.as<std::string>()).trimmed();
}

bool flag(const YAML::Node& node, const char* key)
{
    const YAML::Node value = node[key];
    if (!value)
        return false;
    try {
        return value.as<bool>();
    } catch (const YAML::Exception&) {
        throw ParseError(value, QStringLiteral("`%1` must be true or false").arg(QLatin1String(key)));
    }
}

QStringList scalarList(const YAML::Node& node, const char* key)
{
    const YAML::Node value = node[key];
    QStringList list;
    if (!value)
        return list;
    if (!value.IsSequence())
        throw ParseError(value, QStringLiteral("`%1` must be a list").arg(QLatin1String(key)));
    for (const YAML::Node& item : value) {
        if (!item.IsScalar())
            throw ParseError(item, QStringLiteral("`%1` must be a list of text").arg(QLatin1String(key)));
        list << QString::fromStdString(item.as<std::string>()).trimmed();
    }
    return list;
}

const QStringList& knownTools()
{
    static const QStringList tools { QStringLiteral("kubectl-ai"), QStringLiteral("kagent"), QStringLiteral("gordon") };
    return tools;
}

// How each tool is called from a shell, for the generated documentation.
QString shellCommand(const QString& tool, const QString& text)
{
    if (tool == QLatin1String("kubectl-ai"))
        return QStringLiteral("kubectl-ai --quiet ") + shellQuote(text);
    if (tool == QLatin1String("kagent"))
        return QStringLiteral("kagent invoke --namespace kagent --agent k8s-agent --task ") + shellQuote(text);
    return QStringLiteral("docker ai ") + shellQuote(text);
}

QString toolHeading(const QString& tool)
{
    if (tool == QLatin1String("gordon"))
        return QStringLiteral("Gordon");
    return tool;
}

} // namespace

const PromptLibrary& PromptLibrary::builtIn()
{
    static const PromptLibrary library = [] {
        QString error;
        std::optional<PromptLibrary> loaded = loadFile(QStringLiteral(":/quayside/prompts.yaml"), &error);
        // The file is compiled in and tested (PromptLibraryTest); failing here is a build defect.
        Q_ASSERT_X(loaded, "PromptLibrary::builtIn", qPrintable(error));
        return loaded.value_or(PromptLibrary());
    }();
    return library;
}

std::optional<PromptLibrary> PromptLibrary::loadFile(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    return load(file.readAll(), path, error);
}

std::optional<PromptLibrary> PromptLibrary::load(const QByteArray& yaml, const QString& fileName, QString* error)
{
    PromptLibrary library;
    try {
        const YAML::Node root = YAML::Load(yaml.toStdString());
        if (!root.IsMap())
            throw ParseError(root, QStringLiteral("the file must be a mapping with `prompts`"));
        if (scalar(root, "version", true, root) != QLatin1String("1"))
            throw ParseError(root["version"], QStringLiteral("only version 1 is understood"));
        library.m_title = scalar(root, "title", true, root);
        library.m_intro = scalar(root, "intro", false, root);
        library.m_safety = scalarList(root, "safety");
        library.m_readOnlyInstruction = scalar(root, "readOnlyInstruction", true, root);
        const YAML::Node categories = root["categories"];
        if (!categories || !categories.IsSequence())
            throw ParseError(root, QStringLiteral("`categories` must be a list"));
        QSet<QString> categoryIds;
        for (const YAML::Node& node : categories) {
            PromptCategory category { scalar(node, "id", true, node), scalar(node, "title", true, node) };
            categoryIds.insert(category.id);
            library.m_categories << category;
        }
        const YAML::Node prompts = root["prompts"];
        if (!prompts || !prompts.IsSequence())
            throw ParseError(root, QStringLiteral("`prompts` must be a list"));
        QSet<QString> ids;
        for (const YAML::Node& node : prompts) {
            Prompt prompt;
            prompt.id = scalar(node, "id", true, node);
            if (ids.contains(prompt.id))
                throw ParseError(node, QStringLiteral("prompt id `%1` is used twice").arg(prompt.id));
            ids.insert(prompt.id);
            prompt.category = scalar(node, "category", true, node);
            if (!categoryIds.contains(prompt.category))
                throw ParseError(node["category"],
                                 QStringLiteral("prompt `%1`: unknown category `%2`").arg(prompt.id, prompt.category));
            prompt.title = scalar(node, "title", true, node);
            prompt.text = scalar(node, "text", true, node);
            prompt.tools = scalarList(node, "tools");
            if (prompt.tools.isEmpty())
                throw ParseError(node, QStringLiteral("prompt `%1`: `tools` names no tool").arg(prompt.id));
            for (const QString& tool : std::as_const(prompt.tools)) {
                if (!knownTools().contains(tool))
                    throw ParseError(node["tools"],
                                     QStringLiteral("prompt `%1`: unknown tool `%2` (known: %3)")
                                         .arg(prompt.id, tool, knownTools().join(QStringLiteral(", "))));
            }
            prompt.changes = flag(node, "changes");
            prompt.fromPlan = flag(node, "plan");
            prompt.forFinding = flag(node, "finding");
            prompt.forPod = flag(node, "pod");
            if (const YAML::Node defaults = node["defaults"]) {
                if (!defaults.IsMap())
                    throw ParseError(defaults,
                                     QStringLiteral("prompt `%1`: `defaults` must be a mapping").arg(prompt.id));
                for (const auto& pair : defaults)
                    prompt.defaults.insert(QString::fromStdString(pair.first.as<std::string>()),
                                           QString::fromStdString(pair.second.as<std::string>()));
            }
            library.m_prompts << prompt;
        }
    } catch (const ParseError& e) {
        if (error)
            *error = QStringLiteral("%1:%2: %3").arg(fileName).arg(e.line).arg(QString::fromUtf8(e.what()));
        return std::nullopt;
    } catch (const YAML::Exception& e) {
        if (error)
            *error = QStringLiteral("%1:%2: %3").arg(fileName).arg(e.mark.line + 1).arg(QString::fromStdString(e.msg));
        return std::nullopt;
    }
    return library;
}

const Prompt* PromptLibrary::find(const QString& id) const
{
    for (const Prompt& prompt : m_prompts) {
        if (prompt.id == id)
            return &prompt;
    }
    return nullptr;
}

QList<Prompt> PromptLibrary::inCategory(const QString& category) const
{
    QList<Prompt> list;
    for (const Prompt& prompt : m_prompts) {
        if (prompt.category == category)
            list << prompt;
    }
    return list;
}

const Prompt* PromptLibrary::findingPrompt() const
{
    for (const Prompt& prompt : m_prompts) {
        if (prompt.forFinding)
            return &prompt;
    }
    return nullptr;
}

const Prompt* PromptLibrary::podPrompt() const
{
    for (const Prompt& prompt : m_prompts) {
        if (prompt.forPod)
            return &prompt;
    }
    return nullptr;
}

QString PromptLibrary::toMarkdown(const PromptVariables& variables) const
{
    QString md;
    md += QStringLiteral(
        "<!-- Generated from resources/prompts/prompts.yaml by `quayside prompts -o markdown`; edit that "
        "file, not this one. -->\n");
    md += QStringLiteral("# %1\n\n").arg(m_title);
    md += variables.fill(m_intro).text + QStringLiteral("\n\n");
    md += QStringLiteral(
        "| Tool | What it is | One task, from a shell |\n| --- | --- | --- |\n"
        "| kubectl-ai | natural language to kubectl, on your kube context | `kubectl-ai --quiet \"task\"` |\n"
        "| kagent | AI agents running inside the cluster | `kagent invoke --namespace kagent --agent k8s-agent "
        "--task \"task\"` |\n"
        "| Gordon | Docker's assistant (Docker Desktop) | `docker ai \"question\"` |\n\n");
    md += QStringLiteral("Safety:\n\n");
    for (const QString& note : m_safety)
        md += QStringLiteral("- ") + variables.fill(note).text + QLatin1Char('\n');
    md += QStringLiteral(
        "\nEach command's comment names its prompt: `quayside prompts ID` prints it filled with your "
        "workspace's names, `quayside ask --prompt ID` asks kubectl-ai or kagent with it. Prompts marked "
        "(plan) are the deployment plan's own examples. Words in <angle brackets> are yours to fill "
        "(in Quayside, they come from what you are looking at).\n");
    const Prompt* finding = findingPrompt();
    for (const PromptCategory& category : m_categories) {
        md += QStringLiteral("\n## %1\n").arg(category.title);
        const QList<Prompt> prompts = inCategory(category.id);
        for (const QString& tool : knownTools()) {
            QStringList lines;
            for (const Prompt& prompt : prompts) {
                if (prompt.forFinding || prompt.forPod || !prompt.suits(tool))
                    continue;
                const QString text = PromptVariables::fill(prompt, variables, {}).text;
                lines << QStringLiteral("# %1%2 [%3]")
                             .arg(prompt.title, prompt.fromPlan ? QStringLiteral(" (plan)") : QString(), prompt.id);
                lines << shellCommand(tool, text);
            }
            if (lines.isEmpty())
                continue;
            md += QStringLiteral("\n%1:\n\n```bash\n%2\n```\n").arg(toolHeading(tool), lines.join(QLatin1Char('\n')));
        }
    }
    if (finding) {
        md += QStringLiteral(
                  "\n## From a problem to a question\n\n"
                  "Every problem in Quayside's Problems tab has **Ask AI**. It opens "
                  "the Ask AI panel with this prompt (`%1`), filled with the finding and its evidence (secret "
                  "values replaced by ***):\n\n```text\n%2\n```\n")
                  .arg(finding->id, finding->text);
    }
    if (const Prompt* pod = podPrompt()) {
        md += QStringLiteral(
                  "\nA pod's menu on the dashboard has **Ask AI** too, with this prompt (`%1`), filled with the "
                  "pod's status, its recent events and the last lines of its log that the log view "
                  "holds:\n\n```text\n%2\n```\n")
                  .arg(pod->id, pod->text);
    }
    md += QStringLiteral(
              "\nWhen Quayside runs kubectl-ai or kagent, it adds this to every prompt (so the answer proposes "
              "changes instead of making them):\n\n~~~text\n%1\n~~~\n")
              .arg(m_readOnlyInstruction);
    md += QStringLiteral("\nFor scripts: `kagent invoke … --output-format json` prints JSON whose answer text is in "
                         "`artifacts[].parts[]` (the parts whose `kind` is `text`); `quayside ask --tool kagent` "
                         "prints that text.\n");
    return md;
}

} // namespace quayside::ai
