using System.Text.Json;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Serverless.Testing.Browser;

/// <summary>
/// Headless Chromium from the Debian packages, driven by Selenium WebDriver through <c>/usr/bin/chromedriver</c>: the
/// driver and browser paths are given, so Selenium Manager never looks for (or downloads) either. Keeps the browser's
/// console log, runs axe-core scans and saves screenshots into <see cref="ScreenshotDirectory"/>.
/// </summary>
public sealed class HeadlessBrowser : IDisposable
{
    /// <summary>Where screenshots go unless this variable names a folder.</summary>
    public const string ScreenshotsVariable = "SERVERLESS_SCREENSHOTS";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ChromeDriver _driver;
    private readonly List<LogEntry> _console = [];

    private HeadlessBrowser(ChromeDriver driver) => _driver = driver;

    /// <summary>The driver, for finding elements and navigating.</summary>
    public IWebDriver Driver => _driver;

    /// <summary>
    /// <c>$SERVERLESS_SCREENSHOTS</c>, else <c>TestResults/screenshots</c> under the test assembly's output folder.
    /// </summary>
    public static string ScreenshotDirectory =>
        Environment.GetEnvironmentVariable(ScreenshotsVariable) is { Length: > 0 } folder
            ? folder
            : Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    /// <summary>Installs Chromium if needed and starts it headless at 1280×1000.</summary>
    public static async Task<HeadlessBrowser> StartAsync()
    {
        await ChromiumInstall.EnsureAsync();
        var service = ChromeDriverService.CreateDefaultService(
            Path.GetDirectoryName(ChromiumInstall.Driver)!,
            Path.GetFileName(ChromiumInstall.Driver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = ChromiumInstall.Browser };
        // Root on a container: no sandbox; a small /dev/shm: use /tmp.
        options.AddArguments(
            "--headless=new",
            "--no-sandbox",
            "--disable-dev-shm-usage",
            "--disable-gpu",
            "--window-size=1280,1000",
            "--no-first-run",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-default-apps",
            "--disable-sync");
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        driver.Manage().Timeouts().AsynchronousJavaScript = TimeSpan.FromSeconds(60);
        return new HeadlessBrowser(driver);
    }

    /// <summary>Opens <paramref name="url"/> and waits until the document has loaded.</summary>
    public void Open(Uri url)
    {
        _driver.Navigate().GoToUrl(url);
        Until(d => ((IJavaScriptExecutor)d).ExecuteScript("return document.readyState") as string == "complete",
            $"{url} loads");
    }

    /// <summary>Waits (up to <see cref="Eventually.Deadline"/>) for <paramref name="condition"/> to hold.</summary>
    public T Until<T>(Func<IWebDriver, T> condition, string because)
    {
        var wait = new WebDriverWait(_driver, Eventually.Deadline) { Message = because };
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
        return wait.Until(condition);
    }

    /// <summary>
    /// Every console entry since the start (the browser hands each over once, so they are kept here).
    /// </summary>
    public IReadOnlyList<LogEntry> ConsoleLog()
    {
        _console.AddRange(_driver.Manage().Logs.GetLog(LogType.Browser));
        return _console;
    }

    /// <summary>
    /// Runs axe-core on the open page; returns its violations as (rule, impact, help, the elements' selectors).
    /// </summary>
    public async Task<IReadOnlyList<AxeViolation>> ScanAccessibilityAsync()
    {
        var script = await AxeCore.ScriptAsync();
        _driver.ExecuteScript(script);
        var answer = _driver.ExecuteAsyncScript("""
            const done = arguments[arguments.length - 1];
            axe.run(document, { resultTypes: ['violations'] })
              .then(r => done(JSON.stringify(r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')) })))))
              .catch(e => done('axe failed: ' + e));
            """) as string ?? "axe returned nothing";
        return answer.StartsWith('[')
            ? JsonSerializer.Deserialize<List<AxeViolation>>(answer, Json)!
            : throw new InvalidOperationException(answer);
    }

    /// <summary>Saves a PNG of the viewport as <paramref name="name"/>.png; returns its path.</summary>
    public string SaveScreenshot(string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        _driver.GetScreenshot().SaveAsFile(path);
        return path;
    }

    public void Dispose()
    {
        _driver.Quit();
        _driver.Dispose();
    }
}
