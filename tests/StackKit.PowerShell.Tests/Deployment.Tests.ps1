BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'ChildPwsh.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../../scripts/LocalServices.psm1') -Force
    Set-LoopbackOnlyNetwork
    Import-Module (Join-Path $PSScriptRoot '../../StackKit.psd1') -Force
    $moto = Start-MotoServer
    Set-MotoEnvironment
    $PSDefaultParameterValues['*-HttpService*:EndpointUrl'] = $moto.Endpoint
    $credential = [pscredential]::new('ops', (ConvertTo-SecureString 'correct-horse-battery' -AsPlainText -Force))
}

AfterAll {
    $PSDefaultParameterValues.Remove('*-HttpService*:EndpointUrl')
    Stop-MotoServer $moto
}

Describe 'Get-HttpServiceDeployment and Undo-HttpServiceStack on moto' {
    BeforeAll {
        Reset-MotoServer $moto
        $null = New-HttpServiceStack -StackName web -DockerImage registry.example.test/web:1 -ServiceCredential $credential -SkipPreflight -WarningAction SilentlyContinue
        $null = Update-HttpServiceStack -StackName web -DockerImage registry.example.test/web:2 -SkipPreflight -WarningAction SilentlyContinue
        $null = Update-HttpServiceStack -StackName web -DockerImage registry.example.test/web:3 -SkipPreflight -WarningAction SilentlyContinue
        $principal = (aws sts get-caller-identity --endpoint-url $moto.Endpoint --output json | ConvertFrom-Json).Arn
    }

    It 'lists the three deploys newest first with image, principal and outcome' {
        $deployments = @(Get-HttpServiceDeployment web)

        $deployments.Image | Should -Be @('registry.example.test/web:3', 'registry.example.test/web:2', 'registry.example.test/web:1')
        $deployments.Outcome | Should -Be @('Serving', 'Succeeded', 'Succeeded')
        $deployments | ForEach-Object { $_.Principal | Should -Be $principal }
        $deployments[0].PSObject.TypeNames[0] | Should -Be 'StackKit.PowerShell.Output.DeploymentInfo'
    }

    It 'shows them as a table of when, outcome, image and who' {
        $table = Get-HttpServiceDeployment web | Out-String -Width 160

        $table | Should -Match 'DeployedAt\s+Outcome\s+Image\s+Principal'
        $table | Should -Match 'Serving\s+registry\.example\.test/web:3\s+user/moto'
    }

    It '-WhatIf shows the change set of going back and changes nothing' {
        $shown = Undo-HttpServiceStack web -SkipPreflight -WhatIf 6>&1 | Out-String

        $shown | Should -BeLike '*parameter DockerImage: registry.example.test/web:3 -> registry.example.test/web:2*'
        $shown | Should -BeLike '*the servers are replaced one by one*'
        (Get-HttpServiceStack web).DockerImage | Should -Be 'registry.example.test/web:3'
    }

    It 'asks for confirmation naming the stack and the image it goes back to, and sends nothing when declined' {
        # A child process shows the host's prompt and reads the answer N from its input.
        $aws = @{ AWS_ACCESS_KEY_ID = 'testing'; AWS_SECRET_ACCESS_KEY = 'testing'; AWS_REGION = 'us-east-1' }
        $output = Invoke-ChildPwsh "Import-Module ./StackKit.psd1; Undo-HttpServiceStack web -SkipPreflight -EndpointUrl $($moto.Endpoint) -Confirm" $aws -Answer 'N'

        # The host wraps the prompt at its width.
        (($output | Out-String) -replace '\s+', ' ') | Should -BeLike '*Are you sure you want to perform this action?*Performing the operation "Roll back to image registry.example.test/web:2" on target "stack web".*'
        (Get-HttpServiceStack web).DockerImage | Should -Be 'registry.example.test/web:3'
        @(Get-HttpServiceDeployment web).Count | Should -Be 3
    }

    It '-WhatIf names the stack and the image too' {
        $aws = @{ AWS_ACCESS_KEY_ID = 'testing'; AWS_SECRET_ACCESS_KEY = 'testing'; AWS_REGION = 'us-east-1' }
        $output = Invoke-ChildPwsh "Import-Module ./StackKit.psd1; Undo-HttpServiceStack web -Image registry.example.test/web:1 -SkipPreflight -EndpointUrl $($moto.Endpoint) -WhatIf" $aws

        ($output | Out-String) | Should -BeLike '*What if: Performing the operation "Roll back to image registry.example.test/web:1" on target "stack web".*'
    }

    It 'goes back to the previous image with one command' {
        $undone = Undo-HttpServiceStack web -SkipPreflight -Confirm:$false -WarningAction SilentlyContinue

        $undone.DockerImage | Should -Be 'registry.example.test/web:2'
        (Get-HttpServiceDeployment web)[0].Image | Should -Be 'registry.example.test/web:2'
    }

    It 'goes back to a deploy piped from the list' {
        $undone = Get-HttpServiceDeployment web | Where-Object Image -EQ 'registry.example.test/web:1' | Select-Object -First 1 |
            Undo-HttpServiceStack -SkipPreflight -Confirm:$false -WarningAction SilentlyContinue

        $undone.DockerImage | Should -Be 'registry.example.test/web:1'
    }

    It 'refuses an image the history does not have, naming it, and sends nothing' {
        Undo-HttpServiceStack web -Image registry.example.test/other:9 -SkipPreflight -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue

        "$($failed[0])" | Should -BeLike "*never ran image 'registry.example.test/other:9'*"
        (Get-HttpServiceStack web).DockerImage | Should -Be 'registry.example.test/web:1'
    }
}
