using StackKit.Templates;

namespace StackKit.Resources.Ec2;

/// <summary>The CPU credit option of burstable (T) instances.</summary>
public sealed class CreditSpecification : PropertyObject
{
    /// <summary><c>standard</c> (bursts only on earned credits) or <c>unlimited</c> (bursts on payment).</summary>
    public Value<string>? CpuCredits { get => GetValue<string>(); set => SetValue(value); }
}
