using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;

namespace Serverless.Hosting.Configuration;

/// <summary>
/// Configuration the Azure Functions way: command line &gt; environment &gt; <c>local.settings.json</c> &gt; defaults.
/// </summary>
public static class FunctionsConfigurationExtensions
{
    /// <summary>Command-line switches in the style of <c>func start</c>, mapped onto configuration keys.</summary>
    public static IReadOnlyDictionary<string,
    string> SwitchMappings { get; } = new Dictionary<string,
    string>(StringComparer.OrdinalIgnoreCase)
    {
        ["--port"] = FunctionsHostOptions.SectionName + ":Port",
        ["--data-dir"] = FunctionsHostOptions.SectionName + ":DataDir",
    };

    /// <summary>
    /// Adds <c>local.settings.json</c> from <paramref name="directory"/> just below the environment variables, and
    /// re-adds the command line on top with <see cref="SwitchMappings"/> (<c>--port 7072</c>, <c>--data-dir</c>; any
    /// <c>--Key=Value</c> as usual). Expects sources that already hold the environment variables and the command line,
    /// as those of <see cref="LocalFunctionsHost.CreateBuilder"/> and of <c>WebApplication.CreateSlimBuilder(args)</c>
    /// do.
    /// </summary>
    public static IConfigurationBuilder AddFunctionsConfiguration(this IConfigurationBuilder builder, string directory)
    {
        var sources = builder.Sources;
        var localSettings = new LocalSettingsConfigurationSource { Path = Path.Combine(
            directory,
            LocalSettingsConfigurationSource.FileName) };
        var environment = IndexOfLast(
            sources,
            static s => s is EnvironmentVariablesConfigurationSource { Prefix: null or "" });
        if (environment >= 0)
        {
            sources.Insert(environment, localSettings);
        }
        else
        {
            sources.Add(localSettings);
        }

        var commandLine = IndexOfLast(sources, static s => s is CommandLineConfigurationSource);
        if (commandLine >= 0)
        {
            var args = ((CommandLineConfigurationSource)sources[commandLine]).Args;
            sources.Add(
                new CommandLineConfigurationSource
                {
                    Args = args,
                    SwitchMappings = new Dictionary<string,
                    string>(SwitchMappings, StringComparer.OrdinalIgnoreCase),
                });
        }

        return builder;
    }

    private static int IndexOfLast(IList<IConfigurationSource> sources, Func<IConfigurationSource, bool> match)
    {
        for (var i = sources.Count - 1; i >= 0; i--)
        {
            if (match(sources[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
