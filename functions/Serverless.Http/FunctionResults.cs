using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;

namespace Serverless.Http;

/// <summary>Problem+json results shaped the same way across every function.</summary>
public static class FunctionResults
{
    /// <summary>The title of every validation problem.</summary>
    public const string ValidationTitle = "One or more validation errors occurred.";

    /// <summary>
    /// A 400 validation problem naming one field, e.g. <c>FieldProblem("items[0].quantity", "must be between 1 and
    /// 1000")</c>. Field paths use the JSON (camelCase) names, without the leading <c>$.</c>.
    /// </summary>
    public static ValidationProblem FieldProblem(string field, string message) =>
        TypedResults.ValidationProblem(
            new Dictionary<string,
            string[]>(StringComparer.Ordinal) { [field] = [message] },
            title: ValidationTitle);

    /// <summary>
    /// A problem with the standard title of <paramref name="statusCode"/> (e.g. 409 Conflict) and a detail for the
    /// client.
    /// </summary>
    public static ProblemHttpResult Problem(int statusCode, string detail) =>
        TypedResults.Problem(detail, statusCode: statusCode, title: ReasonPhrases.GetReasonPhrase(statusCode));
}
