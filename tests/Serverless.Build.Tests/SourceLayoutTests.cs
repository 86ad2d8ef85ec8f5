using System.Xml.Linq;

namespace Serverless.Build.Tests;

/// <summary>
/// The shape of the code base that the build cannot check by itself: line and file lengths, and which projects may
/// reference which (the layers of docs/architecture.md).
/// </summary>
public sealed class SourceLayoutTests
{
    private const int MaxLineLength = 120;
    private const int MaxFunctionsFileLines = 300;

    [Fact]
    public void Every_source_line_fits_in_120_columns()
    {
        var offenders = SourceFiles("functions", "tests", "bench")
            .SelectMany(file => File.ReadLines(file).Select((line, index) => (file, line, number: index + 1)))
            .Where(l => l.line.Length > MaxLineLength)
            .Select(l => $"{Relative(l.file)}:{l.number} ({l.line.Length} columns)")
            .ToList();

        Assert.True(
            offenders.Count == 0,
            $"Lines over {MaxLineLength} columns:\n{string.Join('\n', offenders.Take(40))}");
    }

    [Fact]
    public void No_file_under_functions_is_longer_than_300_lines()
    {
        var offenders = SourceFiles("functions")
            .Select(file => (file, lines: File.ReadLines(file).Count()))
            .Where(f => f.lines > MaxFunctionsFileLines)
            .Select(f => $"{Relative(f.file)} ({f.lines} lines)")
            .ToList();

        Assert.True(offenders.Count == 0, $"Files over {MaxFunctionsFileLines} lines:\n{string.Join('\n', offenders)}");
    }

    [Fact]
    public void The_domain_tests_reference_no_executable()
    {
        var executables = ProjectReferences(RepositoryRoot.Combine("tests", "Serverless.Orders.Tests"))
            .Where(IsExecutable)
            .Select(Relative)
            .ToList();

        Assert.Empty(executables);
    }

    [Fact]
    public void Benchmarks_reference_no_test_project()
    {
        var benchProjects = Directory.EnumerateFiles(
            RepositoryRoot.Combine("bench"),
            "*.csproj",
            SearchOption.AllDirectories);
        var references = benchProjects
            .SelectMany(project => ProjectReferences(Path.GetDirectoryName(project)!).Select(r => (project, r)))
            .Where(p => Relative(p.r).StartsWith("tests/", StringComparison.Ordinal))
            .Select(p => $"{Relative(p.project)} -> {Relative(p.r)}")
            .ToList();

        Assert.Empty(references);
    }

    [Fact]
    public void The_domain_and_the_ports_know_no_runtime_or_backend()
    {
        string[] lowLayers = ["Serverless.Storage", "Serverless.Http", "Serverless.Orders"];
        string[] runtimes = ["Serverless.Workers", "Serverless.Durable", "Serverless.Hosting", "Serverless.Host",
            "Serverless.Storage.Sqlite", "Serverless.Storage.Azure", "Serverless.Functions"];
        var upward = lowLayers
            .SelectMany(project => ProjectReferences(RepositoryRoot.Combine("functions", project))
                .Select(r => (project, reference: Path.GetFileNameWithoutExtension(r))))
            .Where(p => runtimes.Contains(p.reference))
            .Select(p => $"{p.project} -> {p.reference}")
            .ToList();

        Assert.Empty(upward);
    }

    private static IEnumerable<string> SourceFiles(params string[] folders) =>
        folders.SelectMany(folder => Directory.EnumerateFiles(
            RepositoryRoot.Combine(folder),
            "*.cs",
            SearchOption.AllDirectories))
            .Where(file => !file.Contains("/obj/", StringComparison.Ordinal) && !file.Contains(
                "/bin/",
                StringComparison.Ordinal)
                && !file.Contains("/node_modules/", StringComparison.Ordinal));

    private static IEnumerable<string> ProjectReferences(string projectDirectory)
    {
        var project = Directory.EnumerateFiles(projectDirectory, "*.csproj").Single();
        return XDocument.Load(project).Descendants("ProjectReference")
            .Select(r => Path.GetFullPath(Path.Combine(projectDirectory, r.Attribute("Include")!.Value)));
    }

    private static bool IsExecutable(string project)
    {
        var document = XDocument.Load(project);
        return document.Root!.Attribute("Sdk")?.Value == "Microsoft.NET.Sdk.Web"
            || document.Descendants("OutputType").Any(o => o.Value.Equals("Exe", StringComparison.OrdinalIgnoreCase));
    }

    private static string Relative(string path) => Path.GetRelativePath(RepositoryRoot.Path, path).Replace('\\', '/');
}
