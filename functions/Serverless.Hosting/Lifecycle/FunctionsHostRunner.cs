using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Serverless.Hosting.Lifecycle;

/// <summary>
/// Runs a functions host from the command line, turning a start that cannot succeed (a bad setting, a port in use, a
/// resource that does not work) into one line and an exit code instead of an unhandled exception. <c>--verbose</c>
/// adds the exception and the host's own failure log.
/// </summary>
public static class FunctionsHostRunner
{
    /// <summary>The switch that shows the stack trace of a failed start.</summary>
    public const string VerboseSwitch = "--verbose";

    /// <summary>The setting <see cref="VerboseSwitch"/> turns on (also settable as any other).</summary>
    public const string VerboseKey = FunctionsHostOptions.SectionName + ":Verbose";

    /// <summary>
    /// Builds the host with <paramref name="create"/> and runs it until it stops; returns the process's exit code.
    /// </summary>
    /// <param name="args">The command line.</param>
    /// <param name="create">Builds the host from the command line.</param>
    /// <param name="startFailed">
    /// Told the one line of a start that failed, after it is written (Lambda mode reports it to the Runtime API).
    /// </param>
    public static int Run(string[] args, Func<string[], WebApplication> create, Action<string>? startFailed = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(create);

        // The command-line provider would read a bare switch's next argument as its value.
        var verbose = args.Any(IsVerboseSwitch);
        string[] hostArgs = verbose ? [.. args.Where(a => !IsVerboseSwitch(a)), $"--{VerboseKey}=true"] : args;
        FunctionsHostEnvironment? environment = null;
        try
        {
            var app = create(hostArgs);
            // Read now: a failed run disposes the service provider.
            environment = app.Services.GetService<FunctionsHostEnvironment>();
            app.Run();
            // Non-zero when a service ended the host on purpose (Lambda mode, when the Runtime API is gone).
            return Environment.ExitCode;
        }
        catch (Exception exception) when (Describe(exception, environment) is var (line, exitCode))
        {
            Console.Error.WriteLine(line);
            if (verbose)
            {
                Console.Error.WriteLine(exception);
            }

            startFailed?.Invoke(line);
            return exitCode;
        }
    }

    /// <summary>
    /// Builds the host with <paramref name="create"/> and runs <paramref name="command"/> on it instead of serving;
    /// returns the command's exit code. A bad setting or an unavailable resource ends it in one line, as a start does.
    /// </summary>
    public static int RunCommand(
        string[] args,
        Func<string[], WebApplication> create,
        Func<IServiceProvider, CancellationToken, Task<int>> command)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(command);
        var verbose = args.Any(IsVerboseSwitch);
        try
        {
            var app = create([.. args.Where(a => !IsVerboseSwitch(a))]);
            using var stopping = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                stopping.Cancel();
            };
            try
            {
                return command(app.Services, stopping.Token).GetAwaiter().GetResult();
            }
            finally
            {
                ((IDisposable)app).Dispose();
            }
        }
        catch (Exception exception) when (Describe(exception, null) is var (line, exitCode))
        {
            Console.Error.WriteLine(line);
            if (verbose)
            {
                Console.Error.WriteLine(exception);
            }

            return exitCode;
        }
    }

    private static bool IsVerboseSwitch(string argument) =>
        string.Equals(argument, VerboseSwitch, StringComparison.OrdinalIgnoreCase);

    private static (string Line, int ExitCode)? Describe(Exception exception, FunctionsHostEnvironment? environment) =>
        exception switch
        {
            InvalidSettingException setting => (setting.Message, InvalidSettingException.ExitCode),
            // Options read while the host is built, before HostSettings reads the rest.
            OptionsValidationException options =>
                (string.Join(" ", options.Failures), InvalidSettingException.ExitCode),
            // The configuration binder on a malformed value of options bound while the host is built: "Failed to
            // convert configuration value 'soon' at 'Serverless:RateLimit:ReplenishmentPeriod' to type ...".
            InvalidOperationException { InnerException: FormatException cause } binding =>
                ($"{binding.Message} {cause.Message}", InvalidSettingException.ExitCode),
            UnavailableResourceException resource => (resource.Message, UnavailableResourceException.ExitCode),
            IOException { InnerException: AddressInUseException } =>
                (PortInUse(environment), UnavailableResourceException.ExitCode),
            AggregateException { InnerExceptions: [var single] } => Describe(single, environment),
            _ => null,
        };

    private static string PortInUse(FunctionsHostEnvironment? environment)
    {
        var endpoint = environment?.ListenEndpoint;
        var where = endpoint is null ? "The host's port" : $"Port {endpoint.Port} on {endpoint.Address}";
        return $"{where} is already in use: another program (another host?) listens there. Stop it, or start this " +
            "one on another port with --port N.";
    }
}
