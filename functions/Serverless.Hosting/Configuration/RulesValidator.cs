using Microsoft.Extensions.Options;

namespace Serverless.Hosting.Configuration;

/// <summary>Validates options with a function that lists what is wrong, one line per setting.</summary>
internal sealed class RulesValidator<TOptions>(Func<TOptions, IEnumerable<string>> rules) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var errors = rules(options).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
