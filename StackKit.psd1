@{
    # In the repository the module loads from the Release build; scripts/Publish-StackKitModule.ps1 writes the
    # published copy of this manifest, pointing at the files beside it.
    RootModule             = 'src/StackKit.PowerShell/bin/Release/netstandard2.0/StackKit.PowerShell.dll'
    ModuleVersion          = '0.1.0'
    GUID                   = '5f0c6f4e-8a2b-4c8e-9d4f-6b1f3c2a7e91'
    Author                 = 'StackKit contributors'
    CompanyName            = 'StackKit'
    Copyright              = '(c) StackKit contributors. MIT licence.'
    Description            = 'Deploy and manage a small auto-scaling HTTP service on AWS with CloudFormation: New-, Get-, Update-, Remove-HttpServiceStack, Export-HttpServiceTemplate, and Add-, Get-, Remove-HttpServiceSshKey for the SSH keys every server accepts.'
    PowerShellVersion      = '5.1'
    CompatiblePSEditions   = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('src/StackKit.PowerShell/StackKit.Format.ps1xml')
    CmdletsToExport        = @(
        'New-HttpServiceStack'
        'Get-HttpServiceStack'
        'Update-HttpServiceStack'
        'Remove-HttpServiceStack'
        'Export-HttpServiceTemplate'
        'Add-HttpServiceSshKey'
        'Get-HttpServiceSshKey'
        'Remove-HttpServiceSshKey'
        'Approve-HttpServiceSshKey'
        'Deny-HttpServiceSshKey'
        'Publish-HttpServiceImage'
        'Get-HttpServiceLog'
        'Get-HttpServiceDeployment'
        'Undo-HttpServiceStack'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags       = @('AWS', 'CloudFormation', 'AutoScaling', 'Infrastructure', 'PSEdition_Core', 'PSEdition_Desktop', 'Linux', 'Windows', 'MacOS')
            LicenseUri = 'https://opensource.org/licenses/MIT'
        }
    }
}
