BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../scripts/LocalServices.psm1') -Force
    Set-LoopbackOnlyNetwork
    Import-Module (Join-Path $PSScriptRoot '../../StackKit.psd1') -Force
    $moto = Start-MotoServer
    Set-MotoEnvironment
    $PSDefaultParameterValues['*-HttpServiceStack:EndpointUrl'] = $moto.Endpoint
    $credential = [pscredential]::new('ops', (ConvertTo-SecureString 'correct-horse-battery' -AsPlainText -Force))
}

AfterAll {
    $PSDefaultParameterValues.Remove('*-HttpServiceStack:EndpointUrl')
    Stop-MotoServer $moto
}

# moto creates the alarm topic but not the template's e-mail subscription: a new stack's topic has none, as after SNS
# deleted one left unconfirmed for 48 hours; a subscription made with the aws CLI is confirmed at once.
Describe 'The alarm e-mail subscription, from the cmdlets' {
    BeforeAll {
        Reset-MotoServer $moto
        $created = New-HttpServiceStack -StackName alarmed -NotificationEmail ops@example.com -ServiceCredential $credential -WarningVariable newWarnings -WarningAction SilentlyContinue
    }

    It 'New-HttpServiceStack reports the topic without a confirmed e-mail, and warns with what to do' {
        $created.NotificationSubscription | Should -Be 'Missing'
        $warning = @($newWarnings | Where-Object { "$_" -like 'Stack alarmed: the alarm topic*' })
        $warning.Count | Should -Be 1
        "$($warning[0])" | Should -BeLike '*it expired unconfirmed (SNS deletes one 48 hours after it was made) or was deleted. Subscribe the address again (aws sns subscribe --topic-arn arn:aws:sns:us-east-1:*--protocol email --notification-endpoint ADDRESS)*'
    }

    It 'Get-HttpServiceStack reports it confirmed, without a warning, once the address is subscribed' {
        $topic = (aws sns list-topics --endpoint-url $moto.Endpoint --output json | ConvertFrom-Json).Topics[0].TopicArn
        aws sns subscribe --topic-arn $topic --protocol email --notification-endpoint ops@example.com --endpoint-url $moto.Endpoint --output json | Out-Null
        $LASTEXITCODE | Should -Be 0

        $got = Get-HttpServiceStack alarmed -WarningVariable getWarnings

        $got.NotificationSubscription | Should -Be 'Confirmed'
        @($getWarnings).Count | Should -Be 0
    }

    It 'a listing reads no subscription' {
        (Get-HttpServiceStack | Where-Object Name -EQ alarmed).NotificationSubscription | Should -BeNullOrEmpty
    }
}
