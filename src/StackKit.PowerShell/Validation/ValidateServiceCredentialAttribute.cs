using System.Management.Automation;
using StackKit.HttpService;

namespace StackKit.PowerShell.Validation;

/// <summary>
/// Refuses, at binding, a -ServiceCredential whose user name the template or whose password the core would refuse,
/// naming what is allowed and never repeating the password.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateServiceCredentialAttribute : ValidateArgumentsAttribute
{
    /// <inheritdoc />
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        if ((arguments is PSObject wrapped ? wrapped.BaseObject : arguments) is not PSCredential credential)
        {
            return;
        }
        var username = credential.UserName;
        var password = credential.GetNetworkCredential().Password;
        if (password.Length == 0)
        {
            throw new ValidationMetadataException(
                "The password is empty; give one of 12 or more characters, or leave -ServiceCredential out to keep the weak default admin/secret.");
        }
        new ValidateTemplateParameterAttribute(HttpServiceNames.ServiceUsername).Check(username);
        BindingArguments.Check(() => ServicePassword.Check(password, "ServiceCredential"));
    }
}
