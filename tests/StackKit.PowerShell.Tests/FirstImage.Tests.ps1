<#
    New-HttpServiceStack -BuildImage as a user meets it here: refused with another image or without waiting, before any
    call; and, where the default image's registry cannot be reached (the tests reach loopback only), nothing changes:
    a warning, and the default image deployed with no repository and no build. The build itself, on moto with a
    loopback registry, is tested in C# (MotoFirstImageTests): PowerShell cannot point the default image elsewhere.
#>
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../scripts/LocalServices.psm1') -Force
    Set-LoopbackOnlyNetwork
    Import-Module (Join-Path $PSScriptRoot '../../StackKit.psd1') -Force
    # Nothing may reach AWS in the refusals: the endpoint is a closed loopback port.
    $script:nowhere = @{ EndpointUrl = 'http://127.0.0.1:9'; Region = 'us-east-1'; AccessKey = 'AKIDFAKE'; SecretKey = 'fake-secret' }
    $credential = [pscredential]::new('ops', (ConvertTo-SecureString 'First-Image-Passw0rd!' -AsPlainText -Force))
}

Describe 'New-HttpServiceStack -BuildImage refusals' {
    It 'refuses -BuildImage with an image of one''s own before any call' {
        $failure = $null
        New-HttpServiceStack web -BuildImage -DockerImage registry.example.com/web:1 -ServiceCredential $credential @nowhere -ErrorVariable failure -ErrorAction SilentlyContinue |
            Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'InvalidArgument,StackKit.PowerShell.Cmdlets.NewHttpServiceStackCommand'
        $failure[0].ToString() | Should -Be 'BuildImage builds the stock server in place of the default image, and DockerImage names another image: leave out one of them.'
    }

    It 'refuses -BuildImage with -NoWait, which cannot wait between the steps' {
        $failure = $null
        New-HttpServiceStack web -BuildImage -NoWait -ServiceCredential $credential @nowhere -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'InvalidArgument,StackKit.PowerShell.Cmdlets.NewHttpServiceStackCommand'
        $failure[0].ToString() | Should -BeLike 'BuildImage builds the image between two changes of the stack, which needs the wait of CreateAsync*'
    }
}

Describe 'New-HttpServiceStack -BuildImage when the default image''s registry does not answer' {
    BeforeAll {
        $moto = Start-MotoServer
        Set-MotoEnvironment
    }

    AfterAll {
        Stop-MotoServer $moto
        Restore-LocalEnvironment
    }

    It 'warns as before and deploys the default image, with no repository and no build' {
        $lines = New-HttpServiceStack web -BuildImage -NoSshAccess -ServiceCredential $credential -EndpointUrl $moto.Endpoint -WarningVariable warnings -WarningAction SilentlyContinue -Verbose 4>&1
        $stack = $lines | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }

        $stack.Status | Should -Be 'CREATE_COMPLETE'
        $stack.DockerImage | Should -Be ([StackKit.HttpService.ReleaseImage]::Reference)
        $stack.Outputs.Keys | Should -Not -Contain 'ImageRepositoryUri'
        $warnings | Should -HaveCount 1
        $warnings[0] | Should -BeLike "Could not check Docker image '$([StackKit.HttpService.ReleaseImage]::Reference)': * The deploy goes on; if the instances cannot pull it, the stack fails."
        ($lines | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Not -Match '^Step \d of 3'
    }
}
