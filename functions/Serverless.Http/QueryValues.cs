using System.Globalization;

namespace Serverless.Http;

/// <summary>Parses query values that several function endpoints take, so each endpoint reads them alike.</summary>
public static class QueryValues
{
    /// <summary>
    /// Reads a page size (<c>top</c>): absent means <paramref name="defaultSize"/>; present, it must be a whole number
    /// from 1 to <paramref name="maxSize"/>. Returns <see langword="false"/> when it is not.
    /// </summary>
    public static bool TryParsePageSize(string? value, int defaultSize, int maxSize, out int pageSize)
    {
        pageSize = defaultSize;
        return value is null
            || (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize)
                && pageSize >= 1
                && pageSize <= maxSize);
    }
}
