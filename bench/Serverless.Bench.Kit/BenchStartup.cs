namespace Serverless.Bench.Kit;

/// <summary>
/// The start every bench shares: parse the options (a bad one prints the message and the usage, exit 2), answer
/// <c>--help</c> (exit 0), refuse anything but Linux (the benches read /proc, exit 2), find the repository and create
/// the work folder (default <c>&lt;repo&gt;/artifacts/NAME</c>).
/// </summary>
public static class BenchStartup
{
    /// <summary>The setup, or null with the code the bench exits with.</summary>
    public static BenchSetup<T>? Start<T>(string name, string usage, Func<T> parse, out int exitCode)
        where T : CommonOptions
    {
        T options;
        try
        {
            options = parse();
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine(usage);
            exitCode = 2;
            return null;
        }

        if (options.ShowHelp)
        {
            Console.WriteLine(usage);
            exitCode = 0;
            return null;
        }

        if (!OperatingSystem.IsLinux())
        {
            Console.Error.WriteLine($"{name} reads /proc: it runs on Linux only.");
            exitCode = 2;
            return null;
        }

        var repository = options.Repository ?? RepoRoot.Find();
        var work = options.WorkDirectory ?? Path.Combine(repository, "artifacts", name);
        Directory.CreateDirectory(work);
        exitCode = 0;
        return new BenchSetup<T>(options, repository, work);
    }

    /// <summary>
    /// Prints the report (the header, a blank line, the body) and, with <c>--out FILE</c>, writes it there too.
    /// </summary>
    public static void WriteReport(string header, string body, string? outputFile)
    {
        var report = header + Environment.NewLine + Environment.NewLine + body;
        Console.WriteLine(report);
        if (outputFile is not null)
        {
            File.WriteAllText(outputFile, report);
        }
    }
}
