using System.Reflection;
using StackKit.Resources;
using StackKit.Templates;

namespace StackKit.Tests.Templates;

/// <summary>Every typed resource class is one the template reader creates for its CloudFormation type: a new class cannot be forgotten there.</summary>
public sealed class ResourceTypesCompletenessTests
{
    private static List<Type> Classes { get; } = [.. typeof(Resource).Assembly.GetTypes()
        .Where(t => t.IsClass && !t.IsAbstract && typeof(Resource).IsAssignableFrom(t) && t != typeof(Resource))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)];

    public static TheoryData<Type> ResourceClasses() => new(Classes);

    [Fact]
    public void The_search_finds_the_resource_classes()
    {
        // A search that found nothing would make the theory below pass vacuously.
        Assert.True(Classes.Count >= 24, $"Only {Classes.Count} resource classes found.");
    }

    [Theory]
    [MemberData(nameof(ResourceClasses))]
    public void The_reader_creates_the_class_for_its_type(Type resourceClass)
    {
        Assert.StartsWith("StackKit.Resources.", resourceClass.FullName, StringComparison.Ordinal);
        var typeName = resourceClass.GetField("TypeName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string;
        Assert.False(typeName is null, $"{resourceClass} has no public const TypeName.");

        var read = ResourceTypes.Create("Read", typeName);

        Assert.IsType(resourceClass, read);
        Assert.Equal(typeName, read.Type);
    }
}
