namespace StackKit.Tests.Release;

/// <summary>One <c>catch (StackKitException)</c> takes every error StackKit raises on purpose; bad arguments stay ArgumentExceptions.</summary>
public sealed class ExceptionHierarchyTests
{
    [Fact]
    public void Every_public_exception_of_the_library_is_a_StackKitException()
    {
        var outside = typeof(HttpServiceStacks).Assembly.GetExportedTypes()
            .Where(type => typeof(Exception).IsAssignableFrom(type) && !typeof(StackKitException).IsAssignableFrom(type))
            .Select(type => type.FullName)
            .ToList();

        Assert.Empty(outside);
    }
}
