using System.Collections;
using System.Management.Automation;

namespace StackKit.PowerShell.Validation;

/// <summary>
/// Takes only text for -PublicKey. PowerShell would otherwise turn any object into a string to bind it: a file piped
/// from Get-ChildItem would become its path (not -LiteralPath), and a piped stack its name, each then refused as a
/// key. Refusing the cast lets the binder try the parameters that fit, and typed non-text gets an error that says why.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class KeyLineTextAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc />
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = Unwrap(inputData);
        if (value is null or string)
        {
            return value;
        }
        if (value is IEnumerable items && Unwrapped(items).All(item => item is string))
        {
            return Unwrapped(items).Cast<string>().ToArray();
        }
        var refusal = $"-PublicKey takes key lines (text), not {value.GetType().Name}: give a .pub file with -Path or -LiteralPath, or pipe Get-ChildItem's files.";
        // PSInvalidCastException inside: the pipeline binder skips the parameter and tries the others.
        throw new ArgumentTransformationMetadataException(refusal, new PSInvalidCastException(refusal));
    }

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

    private static IEnumerable<object?> Unwrapped(IEnumerable items) => items.Cast<object?>().Select(Unwrap);
}
