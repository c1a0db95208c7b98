#include "settings/SettingsDialog.h"

#include "workspace/Preferences.h"
#include "workspace/Workspace.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace quayside;
using namespace quayside::ui;

namespace {

// Two contexts; "minikube" is the current one.
const char kKubeconfig[] = R"(apiVersion: v1
kind: Config
clusters:
- name: minikube
  cluster:
    server: https://127.0.0.1:8443
- name: staging
  cluster:
    server: https://127.0.0.2:6443
contexts:
- name: minikube
  context:
    cluster: minikube
    user: minikube
    namespace: default
- name: staging
  context:
    cluster: staging
    user: staging
current-context: minikube
users:
- name: minikube
  user:
    token: minikube-token
- name: staging
  user:
    token: staging-token
)";

bool writeFile(const QString& path, const QByteArray& content, QFile::Permissions permissions = {})
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size())
        return false;
    file.close();
    return permissions == QFile::Permissions() || file.setPermissions(permissions);
}

// The fields' current values, to compare what the dialog shows with what is stored.
struct Stored
{
    QStringList kubeconfigs;
    QString context;
    QString nameSpace;
    QString profile;
    int logLines = 0;
    qint64 metricsSeconds = 0;
    QMap<QString, QString> tools;
    Preferences::Theme theme = Preferences::Theme::System;

    static Stored from(const Preferences& prefs)
    {
        Stored s { prefs.kubeconfigPaths(),
                   prefs.defaultContext(),
                   prefs.defaultNamespace(),
                   prefs.profileFile(),
                   prefs.logLineLimit(),
                   prefs.metricsInterval().count(),
                   {},
                   prefs.theme() };
        for (const QString& tool : Preferences::overridableTools())
            s.tools.insert(tool, prefs.toolPath(tool));
        return s;
    }
    bool operator==(const Stored&) const = default;
};

// QCOMPARE's printer, found by argument-dependent lookup.
char* toString(const Stored& s)
{
    QStringList tools;
    for (auto it = s.tools.cbegin(); it != s.tools.cend(); ++it)
        tools << it.key() + QLatin1Char('=') + it.value();
    return qstrdup(qPrintable(QStringLiteral("kubeconfigs=[%1] context=%2 namespace=%3 profile=%4 lines=%5 metrics=%6 "
                                             "tools={%7} theme=%8")
                                  .arg(s.kubeconfigs.join(QLatin1Char(',')), s.context, s.nameSpace, s.profile)
                                  .arg(s.logLines)
                                  .arg(s.metricsSeconds)
                                  .arg(tools.join(QLatin1Char(',')), Preferences::themeName(s.theme))));
}

} // namespace

class SettingsDialogTest : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_kubeconfig;
    QString m_otherKubeconfig;
    QString m_tool; // an executable file
    QString m_textFile; // not executable
    QString m_profileFile;
    int m_files = 0;

    struct Fixture
    {
        std::unique_ptr<Preferences> prefs;
        std::unique_ptr<Workspace> workspace;
        std::unique_ptr<SettingsDialog> dialog;

        template<typename T> T* find(const QString& name) const
        {
            T* widget = dialog->findChild<T*>(name);
            if (!widget)
                qWarning("no %s named %s", T::staticMetaObject.className(), qPrintable(name));
            return widget;
        }
        QPushButton* button(const QString& name) const { return find<QPushButton>(name); }
        QLineEdit* edit(const QString& name) const { return find<QLineEdit>(name); }
        QLabel* label(const QString& name) const { return find<QLabel>(name); }
    };

    QString newSettingsFile() { return m_dir.filePath(QStringLiteral("settings-%1/quayside.ini").arg(++m_files)); }

    // A Preferences on `fileName` (a new one when empty), `setUp` applied before the workspace reads the
    // temp kubeconfig, and the dialog over both, shown.
    Fixture open(const std::function<void(Preferences&)>& setUp = {}, QString fileName = {})
    {
        Fixture f;
        f.prefs = std::make_unique<Preferences>(fileName.isEmpty() ? newSettingsFile() : fileName);
        if (f.prefs->kubeconfigPaths().isEmpty())
            f.prefs->setKubeconfigPaths({ m_kubeconfig });
        if (setUp)
            setUp(*f.prefs);
        f.workspace = std::make_unique<Workspace>(f.prefs.get(), WorkspaceOverrides {});
        f.workspace->load();
        f.dialog = std::make_unique<SettingsDialog>(f.prefs.get(), f.workspace.get());
        f.dialog->open();
        return f;
    }

    // Non-default values in every preference.
    void fill(Preferences& prefs) const
    {
        prefs.setKubeconfigPaths({ m_kubeconfig, m_otherKubeconfig });
        prefs.setDefaultContext(QStringLiteral("staging"));
        prefs.setDefaultNamespace(QStringLiteral("team-a"));
        prefs.setProfileFile(m_profileFile);
        prefs.setLogLineLimit(200'000);
        prefs.setMetricsInterval(std::chrono::seconds(60));
        for (const QString& tool : Preferences::overridableTools())
            prefs.setToolPath(tool, m_tool);
        prefs.setTheme(Preferences::Theme::Dark);
    }

    static void replaceText(QWidget* widget, const QString& text)
    {
        QTest::keyClick(widget, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(widget, Qt::Key_Delete);
        QTest::keyClicks(widget, text);
    }

    // Add… then the file chosen in the (asynchronous) file dialog.
    static bool addKubeconfig(const Fixture& f, const QString& path)
    {
        QTest::mouseClick(f.button(QStringLiteral("kubeconfigAddButton")), Qt::LeftButton);
        // The one just opened: an earlier chooser may still be waiting for its deferred delete.
        QFileDialog* chooser = nullptr;
        const bool opened = QTest::qWaitFor([&] {
            const auto choosers = f.dialog->findChildren<QFileDialog*>(QStringLiteral("kubeconfigFileDialog"));
            for (QFileDialog* candidate : choosers) {
                if (candidate->isVisible())
                    chooser = candidate;
            }
            return chooser != nullptr;
        });
        if (!opened)
            return false;
        chooser->selectFile(path);
        // QFileDialog::accept() is protected; through QDialog it is the same override, as the OK button calls it.
        static_cast<QDialog*>(chooser)->accept();
        return true;
    }

    static QStringList listPaths(const Fixture& f)
    {
        QStringList paths;
        auto* list = f.find<QListWidget>(QStringLiteral("kubeconfigList"));
        for (int i = 0; i < list->count(); ++i)
            paths << list->item(i)->data(Qt::UserRole).toString();
        return paths;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_kubeconfig = m_dir.filePath(QStringLiteral("kube/config"));
        m_otherKubeconfig = m_dir.filePath(QStringLiteral("kube/other.yaml"));
        QVERIFY(writeFile(m_kubeconfig, kKubeconfig, QFile::ReadOwner | QFile::WriteOwner));
        QVERIFY(writeFile(m_otherKubeconfig, QByteArray(kKubeconfig).replace("current-context: minikube", ""),
                          QFile::ReadOwner | QFile::WriteOwner));
        m_tool = m_dir.filePath(QStringLiteral("opt/bin/tool"));
        QVERIFY(writeFile(m_tool, "#!/bin/sh\nexit 0\n",
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup));
        m_textFile = m_dir.filePath(QStringLiteral("opt/notes.txt"));
        QVERIFY(writeFile(m_textFile, "not a program\n", QFile::ReadOwner | QFile::WriteOwner));
        m_profileFile = m_dir.filePath(QStringLiteral("profiles/custom.yaml"));
        QFile shipped(QStringLiteral(QUAYSIDE_SOURCE_DIR "/resources/profiles/todo-chatbot.yaml"));
        QVERIFY(shipped.open(QIODevice::ReadOnly));
        QVERIFY(writeFile(m_profileFile, shipped.readAll()));
    }

    void showsStoredValues()
    {
        Fixture f = open([this](Preferences& prefs) { fill(prefs); });
        QCOMPARE(listPaths(f), QStringList({ m_kubeconfig, m_otherKubeconfig }));
        QCOMPARE(f.find<QComboBox>(QStringLiteral("defaultContextCombo"))->currentText(), QStringLiteral("staging"));
        QCOMPARE(f.edit(QStringLiteral("defaultNamespaceEdit"))->text(), QStringLiteral("team-a"));
        QCOMPARE(QDir::fromNativeSeparators(f.edit(QStringLiteral("profileFileEdit"))->text()), m_profileFile);
        QCOMPARE(f.find<QSpinBox>(QStringLiteral("logLineLimitSpin"))->value(), 200'000);
        QCOMPARE(f.find<QSpinBox>(QStringLiteral("metricsIntervalSpin"))->value(), 60);
        for (const QString& tool : Preferences::overridableTools())
            QCOMPARE(QDir::fromNativeSeparators(f.edit(QStringLiteral("toolPathEdit_") + tool)->text()), m_tool);
        QCOMPARE(f.find<QComboBox>(QStringLiteral("themeCombo"))->currentText(), QStringLiteral("Dark"));
        QVERIFY(f.dialog->isValid());
        QVERIFY(f.button(QStringLiteral("saveButton"))->isEnabled());

        auto* storage = f.label(QStringLiteral("settingsStorage"));
        QVERIFY(storage->text().contains(QDir::toNativeSeparators(f.prefs->fileName()).toHtmlEscaped()));
        QVERIFY(storage->text().contains(QLatin1String("keychain")));
    }

    void defaultsShowAsPlaceholders()
    {
        Fixture f = open();
        QCOMPARE(f.find<QSpinBox>(QStringLiteral("logLineLimitSpin"))->value(), Preferences::kDefaultLogLineLimit);
        QCOMPARE(f.find<QSpinBox>(QStringLiteral("logLineLimitSpin"))->text(),
                 QLocale().toString(50'000) + QStringLiteral(" lines"));
        QCOMPARE(f.find<QSpinBox>(QStringLiteral("metricsIntervalSpin"))->text(), QStringLiteral("15 s"));
        QVERIFY(f.find<QComboBox>(QStringLiteral("defaultContextCombo"))->currentText().isEmpty());
        QVERIFY(f.label(QStringLiteral("kubeconfigHint"))->text().contains(QLatin1String("~/.kube/config")));
        QVERIFY(f.edit(QStringLiteral("profileFileEdit"))->placeholderText().contains(QLatin1String("quayside.yaml")));
        QVERIFY(f.label(QStringLiteral("metricsIntervalHint"))->text().contains(QLatin1String("API server")));

        // A tool's placeholder is what PATH gives, whatever override is in force.
        QVERIFY(writeFile(m_dir.filePath(QStringLiteral("path/kagent")), "#!/bin/sh\n",
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        const QByteArray oldPath = qgetenv("PATH");
        const QByteArray path = QFile::encodeName(m_dir.filePath(QStringLiteral("path"))) + ':' + oldPath;
        qputenv("PATH", path);
        Fixture g = open([this](Preferences& prefs) { prefs.setToolPath(QStringLiteral("kagent"), m_tool); });
        qputenv("PATH", oldPath);
        QCOMPARE(g.edit(QStringLiteral("toolPathEdit_kagent"))->placeholderText(),
                 QStringLiteral("%1 (from PATH)")
                     .arg(QDir::toNativeSeparators(m_dir.filePath(QStringLiteral("path/kagent")))));
        QVERIFY(!g.edit(QStringLiteral("toolPathEdit_docker"))->placeholderText().isEmpty());
    }

    void contextsListTheKubeconfigsContexts()
    {
        Fixture f = open();
        QCOMPARE(f.workspace->contexts(), QStringList({ QStringLiteral("minikube"), QStringLiteral("staging") }));
        auto* combo = f.find<QComboBox>(QStringLiteral("defaultContextCombo"));
        QStringList items;
        for (int i = 0; i < combo->count(); ++i)
            items << combo->itemText(i);
        QCOMPARE(items,
                 QStringList(
                     { QStringLiteral("Automatic"), QStringLiteral("minikube (current)"), QStringLiteral("staging") }));

        // Chosen from the list, the bare name is stored.
        combo->setFocus();
        QTest::keyClick(combo, Qt::Key_Down);
        QTest::keyClick(combo, Qt::Key_Down);
        QCOMPARE(combo->currentText(), QStringLiteral("minikube (current)"));
        auto* hint = f.label(QStringLiteral("defaultContextHint"));
        QVERIFY(!hint->isVisible());

        // A name the files do not have is allowed, with a note.
        replaceText(combo->lineEdit(), QStringLiteral("later"));
        QVERIFY(hint->isVisible());
        QVERIFY2(hint->text().contains(QLatin1String("no context named later")), qPrintable(hint->text()));
        QVERIFY(f.button(QStringLiteral("saveButton"))->isEnabled());

        combo->setCurrentIndex(1);
        QVERIFY(!hint->isVisible());
        QSignalSpy changed(f.prefs.get(), &Preferences::changed);
        QTest::mouseClick(f.button(QStringLiteral("saveButton")), Qt::LeftButton);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(f.prefs->defaultContext(), QStringLiteral("minikube"));
    }

    void saveStoresEveryFieldOnce()
    {
        Fixture f = open();
        QSignalSpy changed(f.prefs.get(), &Preferences::changed);

        // The list: add the other file, put it first, add and remove a third.
        QVERIFY(addKubeconfig(f, m_otherKubeconfig));
        QTRY_COMPARE(listPaths(f), QStringList({ m_kubeconfig, m_otherKubeconfig }));
        auto* list = f.find<QListWidget>(QStringLiteral("kubeconfigList"));
        QCOMPARE(list->currentRow(), 1);
        QVERIFY(!f.button(QStringLiteral("kubeconfigDownButton"))->isEnabled());
        QTest::mouseClick(f.button(QStringLiteral("kubeconfigUpButton")), Qt::LeftButton);
        QCOMPARE(listPaths(f), QStringList({ m_otherKubeconfig, m_kubeconfig }));
        QVERIFY(!f.button(QStringLiteral("kubeconfigUpButton"))->isEnabled());
        QVERIFY(addKubeconfig(f, m_profileFile));
        QTRY_COMPARE(list->count(), 3);
        QTest::mouseClick(f.button(QStringLiteral("kubeconfigRemoveButton")), Qt::LeftButton);
        QCOMPARE(listPaths(f), QStringList({ m_otherKubeconfig, m_kubeconfig }));

        replaceText(f.find<QComboBox>(QStringLiteral("defaultContextCombo"))->lineEdit(), QStringLiteral("staging"));
        QTest::keyClicks(f.edit(QStringLiteral("defaultNamespaceEdit")), QStringLiteral("team-b"));
        QTest::keyClicks(f.edit(QStringLiteral("profileFileEdit")), m_profileFile);
        replaceText(f.find<QSpinBox>(QStringLiteral("logLineLimitSpin")), QStringLiteral("120000"));
        replaceText(f.find<QSpinBox>(QStringLiteral("metricsIntervalSpin")), QStringLiteral("30"));
        for (const QString& tool : Preferences::overridableTools())
            QTest::keyClicks(f.edit(QStringLiteral("toolPathEdit_") + tool), m_tool);
        auto* theme = f.find<QComboBox>(QStringLiteral("themeCombo"));
        QTest::keyClick(theme, Qt::Key_Down);
        QTest::keyClick(theme, Qt::Key_Down);
        QCOMPARE(theme->currentText(), QStringLiteral("Dark"));
        QCOMPARE(changed.count(), 0); // nothing is written while editing

        QTest::mouseClick(f.button(QStringLiteral("saveButton")), Qt::LeftButton);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(f.dialog->result(), int(QDialog::Accepted));
        QVERIFY(!f.dialog->isVisible());

        Stored expected { { m_otherKubeconfig, m_kubeconfig },
                          QStringLiteral("staging"),
                          QStringLiteral("team-b"),
                          m_profileFile,
                          120'000,
                          30,
                          {},
                          Preferences::Theme::Dark };
        for (const QString& tool : Preferences::overridableTools())
            expected.tools.insert(tool, m_tool);
        QCOMPARE(Stored::from(*f.prefs), expected);
        // The workspace followed the one change.
        QCOMPARE(f.workspace->target().context, QStringLiteral("staging"));
        QCOMPARE(f.workspace->target().nameSpace, QStringLiteral("team-b"));
    }

    void valuesArePersisted()
    {
        const QString fileName = newSettingsFile();
        {
            Fixture f = open({}, fileName);
            QTest::keyClicks(f.edit(QStringLiteral("defaultNamespaceEdit")), QStringLiteral("persisted"));
            replaceText(f.find<QSpinBox>(QStringLiteral("metricsIntervalSpin")), QStringLiteral("90"));
            QTest::keyClicks(f.edit(QStringLiteral("toolPathEdit_helm")), m_tool);
            f.find<QComboBox>(QStringLiteral("themeCombo"))->setCurrentIndex(1);
            QTest::mouseClick(f.button(QStringLiteral("saveButton")), Qt::LeftButton);
        }
        Preferences second(fileName);
        QCOMPARE(second.defaultNamespace(), QStringLiteral("persisted"));
        QCOMPARE(second.metricsInterval(), std::chrono::seconds(90));
        QCOMPARE(second.toolPath(QStringLiteral("helm")), m_tool);
        QCOMPARE(second.theme(), Preferences::Theme::Light);
        QCOMPARE(second.kubeconfigPaths(), QStringList({ m_kubeconfig }));

        // And a dialog over the second instance shows them.
        Fixture g = open({}, fileName);
        QCOMPARE(g.edit(QStringLiteral("defaultNamespaceEdit"))->text(), QStringLiteral("persisted"));
        QCOMPARE(g.find<QSpinBox>(QStringLiteral("metricsIntervalSpin"))->value(), 90);
        QCOMPARE(g.find<QComboBox>(QStringLiteral("themeCombo"))->currentText(), QStringLiteral("Light"));
    }

    void cancelStoresNothing_data()
    {
        QTest::addColumn<bool>("escape");
        QTest::newRow("Cancel button") << false;
        QTest::newRow("Esc key") << true;
    }

    void cancelStoresNothing()
    {
        QFETCH(bool, escape);
        Fixture f = open([this](Preferences& prefs) { fill(prefs); });
        const Stored before = Stored::from(*f.prefs);
        QSignalSpy changed(f.prefs.get(), &Preferences::changed);

        QTest::mouseClick(f.button(QStringLiteral("kubeconfigAddButton")), Qt::LeftButton);
        auto* chooser = f.dialog->findChild<QFileDialog*>(QStringLiteral("kubeconfigFileDialog"));
        QVERIFY(chooser && chooser->isVisible());
        chooser->reject();
        replaceText(f.edit(QStringLiteral("defaultNamespaceEdit")), QStringLiteral("other"));
        replaceText(f.find<QSpinBox>(QStringLiteral("logLineLimitSpin")), QStringLiteral("5000"));
        f.edit(QStringLiteral("toolPathEdit_docker"))->clear();
        QTest::mouseClick(f.button(QStringLiteral("restoreDefaultsButton")), Qt::LeftButton);
        if (escape)
            QTest::keyClick(f.dialog.get(), Qt::Key_Escape);
        else
            QTest::mouseClick(f.button(QStringLiteral("cancelButton")), Qt::LeftButton);

        QCOMPARE(f.dialog->result(), int(QDialog::Rejected));
        QVERIFY(!f.dialog->isVisible());
        QCOMPARE(changed.count(), 0);
        QCOMPARE(Stored::from(*f.prefs), before);
        QCOMPARE(Stored::from(Preferences(f.prefs->fileName())), before);
    }

    void invalidFieldDisablesSave_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("errorLabel");
        QTest::addColumn<QString>("invalid");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("valid");

        const QString ns = QStringLiteral("defaultNamespaceEdit");
        const QString nsError = QStringLiteral("defaultNamespaceError");
        QTest::newRow("namespace with capitals") << ns << nsError << "Team-A"
                                                 << "lowercase"
                                                 << "team-a";
        QTest::newRow("namespace with underscore") << ns << nsError << "team_a"
                                                   << "Only lowercase letters"
                                                   << "team-a";
        QTest::newRow("namespace ending in -") << ns << nsError << "team-"
                                               << "starts and ends"
                                               << "team";
        QTest::newRow("namespace starting with -") << ns << nsError << "-team"
                                                   << "starts and ends"
                                                   << "t";
        QTest::newRow("namespace of 64 characters")
            << ns << nsError << QString(64, QLatin1Char('a')) << "at most 63" << QString(63, QLatin1Char('a'));
        QTest::newRow("namespace with a dot") << ns << nsError << "team.a"
                                              << "Only lowercase letters"
                                              << "team-a";

        const QString tool = QStringLiteral("toolPathEdit_kubectl");
        const QString toolError = QStringLiteral("toolPathError_kubectl");
        QTest::newRow("tool not executable") << tool << toolError << m_textFile << "not executable" << m_tool;
        QTest::newRow("tool missing") << tool << toolError << m_dir.filePath(QStringLiteral("opt/bin/nothing"))
                                      << "no file" << m_tool;
        QTest::newRow("tool is a folder")
            << tool << toolError << m_dir.filePath(QStringLiteral("opt/bin")) << "folder" << m_tool;
        QTest::newRow("tool by name only") << tool << toolError << "kubectl"
                                           << "full path" << m_tool;

        const QString profile = QStringLiteral("profileFileEdit");
        const QString profileError = QStringLiteral("profileFileError");
        QTest::newRow("profile missing") << profile << profileError << m_dir.filePath(QStringLiteral("nope.yaml"))
                                         << "no file" << m_profileFile;
        QTest::newRow("profile is a folder")
            << profile << profileError << m_dir.filePath(QStringLiteral("profiles")) << "folder" << m_profileFile;
    }

    void invalidFieldDisablesSave()
    {
        QFETCH(QString, field);
        QFETCH(QString, errorLabel);
        QFETCH(QString, invalid);
        QFETCH(QString, message);
        QFETCH(QString, valid);

        Fixture f = open();
        QSignalSpy changed(f.prefs.get(), &Preferences::changed);
        QLineEdit* edit = f.edit(field);
        QLabel* error = f.label(errorLabel);
        QPushButton* save = f.button(QStringLiteral("saveButton"));
        QVERIFY(edit && error && save);
        QVERIFY(save->isEnabled());
        QVERIFY(!error->isVisible());

        // The message appears as you type, beside the field.
        QTest::keyClicks(edit, invalid);
        QVERIFY(!save->isEnabled());
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(message), qPrintable(error->text()));
        QCOMPARE(error->parentWidget(), edit->parentWidget());
        QTest::mouseClick(save, Qt::LeftButton);
        QCOMPARE(changed.count(), 0);
        QVERIFY(f.dialog->isVisible());

        replaceText(edit, valid);
        QVERIFY(save->isEnabled());
        QVERIFY(!error->isVisible());
        QVERIFY(error->text().isEmpty());

        // Emptied is valid too: the automatic choice.
        replaceText(edit, invalid);
        QVERIFY(!save->isEnabled());
        edit->clear();
        QVERIFY(save->isEnabled());
    }

    void restoreDefaultsThenSave()
    {
        Fixture f = open([this](Preferences& prefs) { fill(prefs); });
        const Stored before = Stored::from(*f.prefs);
        QSignalSpy changed(f.prefs.get(), &Preferences::changed);
        QTest::mouseClick(f.button(QStringLiteral("restoreDefaultsButton")), Qt::LeftButton);

        // The fields, not the file.
        QCOMPARE(changed.count(), 0);
        QCOMPARE(Stored::from(*f.prefs), before);
        QCOMPARE(listPaths(f), QStringList());
        QVERIFY(f.edit(QStringLiteral("defaultNamespaceEdit"))->text().isEmpty());
        QCOMPARE(f.find<QSpinBox>(QStringLiteral("logLineLimitSpin"))->value(), Preferences::kDefaultLogLineLimit);
        QVERIFY(f.dialog->isVisible());

        QTest::mouseClick(f.button(QStringLiteral("saveButton")), Qt::LeftButton);
        QCOMPARE(changed.count(), 1);
        Stored defaults { {},
                          {},
                          {},
                          {},
                          Preferences::kDefaultLogLineLimit,
                          Preferences::kDefaultMetricsInterval.count(),
                          {},
                          Preferences::Theme::System };
        for (const QString& tool : Preferences::overridableTools())
            defaults.tools.insert(tool, QString());
        QCOMPARE(Stored::from(*f.prefs), defaults);
        QCOMPARE(Stored::from(Preferences(f.prefs->fileName())), defaults);
    }

    void everyControlIsNamedAndReachable()
    {
        Fixture f = open([this](Preferences& prefs) { fill(prefs); });
        const QList<QWidget*> widgets = f.dialog->findChildren<QWidget*>();
        int controls = 0;
        for (QWidget* widget : widgets) {
            // A combo box's or spin box's own line edit is part of that control.
            const bool inner = qobject_cast<QComboBox*>(widget->parentWidget())
                || qobject_cast<QAbstractSpinBox*>(widget->parentWidget());
            if (inner || !(widget->focusPolicy() & Qt::TabFocus) || !widget->isVisibleTo(f.dialog.get()))
                continue;
            ++controls;
            QVERIFY2(!widget->objectName().isEmpty(), widget->metaObject()->className());
            QVERIFY2(!widget->accessibleName().isEmpty(), qPrintable(widget->objectName()));
        }
        QVERIFY2(controls >= 26, qPrintable(QString::number(controls)));

        // Every form label leads to its field (Alt+letter, and screen readers read it).
        for (QLabel* label : f.dialog->findChildren<QLabel*>()) {
            if (label->text().endsWith(QLatin1Char(':')))
                QVERIFY2(label->buddy(), qPrintable(label->objectName()));
        }
        QCOMPARE(f.label(QStringLiteral("defaultNamespaceLabel"))->buddy(),
                 f.edit(QStringLiteral("defaultNamespaceEdit")));

        // Tab walks the groups top to bottom.
        QStringList expected { QStringLiteral("kubeconfigList"),         QStringLiteral("kubeconfigAddButton"),
                               QStringLiteral("kubeconfigRemoveButton"), QStringLiteral("kubeconfigUpButton"),
                               QStringLiteral("kubeconfigDownButton"),   QStringLiteral("defaultContextCombo"),
                               QStringLiteral("defaultNamespaceEdit"),   QStringLiteral("profileFileEdit"),
                               QStringLiteral("profileBrowseButton"),    QStringLiteral("logLineLimitSpin"),
                               QStringLiteral("metricsIntervalSpin") };
        for (const QString& tool : Preferences::overridableTools())
            expected << QStringLiteral("toolPathEdit_") + tool << QStringLiteral("toolBrowseButton_") + tool;
        expected << QStringLiteral("themeCombo");
        QStringList chain;
        QWidget* start = f.find<QListWidget>(QStringLiteral("kubeconfigList"));
        QWidget* widget = start;
        do {
            if (expected.contains(widget->objectName()) && !chain.contains(widget->objectName()))
                chain << widget->objectName();
            widget = widget->nextInFocusChain();
        } while (widget != start);
        QCOMPARE(chain, expected);
    }

    // Not a check: with QUAYSIDE_SCREENSHOT_DIR set, saves settings.png (README) there.
    void screenshot()
    {
        const QString dir = qEnvironmentVariable("QUAYSIDE_SCREENSHOT_DIR");
        if (dir.isEmpty())
            QSKIP("set QUAYSIDE_SCREENSHOT_DIR to save settings.png");
        const QString fileName = m_dir.filePath(QStringLiteral("screenshot/.config/Quayside/quayside.ini"));
        // A tool installed by hand, and a common slip: the downloaded archive instead of the program.
        const QString kubectlAi = m_dir.filePath(QStringLiteral("opt/kubectl-ai/kubectl-ai"));
        const QString archive = m_dir.filePath(QStringLiteral("Downloads/kagent-linux-amd64.tar.gz"));
        QVERIFY(writeFile(kubectlAi, "#!/bin/sh\n", QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        QVERIFY(writeFile(archive, "\x1f\x8b", QFile::ReadOwner | QFile::WriteOwner));
        Fixture f = open(
            [&kubectlAi](Preferences& prefs) {
                prefs.setDefaultContext(QStringLiteral("minikube"));
                prefs.setDefaultNamespace(QStringLiteral("todo-app"));
                prefs.setToolPath(QStringLiteral("kubectl-ai"), kubectlAi);
            },
            fileName);
        // The user's own files, as they would read in the list (the workspace already read the temp one).
        const QString home = QDir::homePath();
        f.prefs->blockSignals(true);
        f.prefs->setKubeconfigPaths(
            { home + QStringLiteral("/.kube/config"), home + QStringLiteral("/.kube/staging.yaml") });
        f.prefs->blockSignals(false);
        f.dialog = std::make_unique<SettingsDialog>(f.prefs.get(), f.workspace.get());
        f.dialog->open();
        f.find<QListWidget>(QStringLiteral("kubeconfigList"))->setCurrentRow(0);
        replaceText(f.edit(QStringLiteral("toolPathEdit_kagent")), archive);

        // The whole dialog, as on a screen tall enough for it (the offscreen screen is 800x600).
        auto* scroll = f.find<QScrollArea>(QStringLiteral("settingsScroll"));
        QWidget* content = scroll->widget();
        const int needed = content->hasHeightForWidth() ? content->heightForWidth(scroll->viewport()->width())
                                                        : content->sizeHint().height();
        f.dialog->resize(f.dialog->width(), f.dialog->height() + needed - scroll->viewport()->height());
        QTest::qWait(50);
        QVERIFY(QDir().mkpath(dir));
        const QString path = QDir(dir).filePath(QStringLiteral("settings.png"));
        QVERIFY(f.dialog->grab().save(path));
        qInfo("saved %s", qPrintable(path));
    }
};

QTEST_MAIN(SettingsDialogTest)
#include "SettingsDialogTest.moc"
