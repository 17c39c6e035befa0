namespace StackKit.Templates;

/// <summary>The typed resource classes the reader creates for known CloudFormation types.</summary>
internal static class ResourceTypes
{
    private static readonly Dictionary<string, Func<string, Resource>> Factories = new(StringComparer.Ordinal);

    public static Resource Create(string logicalId, string type) =>
        Factories.TryGetValue(type, out var create) ? create(logicalId) : new Resource(logicalId, type);
}
