using System.Xml.Linq;

namespace Serverless.Host.Tests.Support;

/// <summary>
/// A type as an rd.xml file names it: the assembly that defines it and its name with assembly-qualified arguments.
/// </summary>
internal readonly record struct RdXmlTypeName(string Assembly, string Name) : IComparable<RdXmlTypeName>
{
    public static RdXmlTypeName Of(Type type) => new(AssemblyOf(type), NameOf(type));

    /// <summary>The types an rd.xml file lists.</summary>
    public static IReadOnlySet<RdXmlTypeName> ListedIn(string path) =>
        XDocument.Load(path).Descendants().Where(e => e.Name.LocalName == "Type")
            .Select(t => new RdXmlTypeName((string)t.Parent!.Attribute("Name")!, (string)t.Attribute("Name")!))
            .ToHashSet();

    public int CompareTo(RdXmlTypeName other) =>
        string.CompareOrdinal($"{Assembly}/{Name}", $"{other.Assembly}/{other.Name}");

    public override string ToString() =>
        $"<Type Name=\"{Name}\" Dynamic=\"Required All\" /> in <Assembly Name=\"{Assembly}\">";

    private static string AssemblyOf(Type type) =>
        type.IsArray ? AssemblyOf(type.GetElementType()!) : type.Assembly.GetName().Name!;

    private static string NameOf(Type type)
    {
        if (type.IsArray)
        {
            return NameOf(type.GetElementType()!) + "[]";
        }

        if (!type.IsConstructedGenericType)
        {
            return type.FullName!;
        }

        var arguments = type.GetGenericArguments().Select(a => $"[{NameOf(a)}, {AssemblyOf(a)}]");
        return $"{type.GetGenericTypeDefinition().FullName}[{string.Join(',', arguments)}]";
    }
}
