namespace StackKit.Keys;

/// <summary>Argument checks that compile on both targets (netstandard2.0 has no ArgumentNullException.ThrowIfNull).</summary>
internal static class Guard
{
    public static T NotNull<T>(T? value, string name)
        where T : class =>
        value ?? throw new ArgumentNullException(name);
}
