# Squashed by hand (issue 12, clean layers): replaces the app's migrations up to today's main with one that depends only on apps below it. Tables keep the names existing databases have; a later migration renames them.

import django.db.models.deletion
import participants.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('participants', '0001_initial'),
    ]

    dependencies = [
        ('cities', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Person',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('honorific', models.CharField(blank=True, help_text='For example: Commander, Dr.', max_length=60, verbose_name='honorific')),
                ('job_title', models.CharField(blank=True, max_length=255, verbose_name='job title')),
                ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail address')),
                ('languages', models.CharField(blank=True, max_length=120, verbose_name='languages spoken')),
                ('language', models.CharField(choices=[('en', 'English'), ('fr', 'French')], default='en', help_text='Language of e-mails, agendas and calendar feeds.', max_length=8, verbose_name='preferred language')),
                ('feed_token', models.CharField(default=participants.models.new_feed_token, editable=False, max_length=64, unique=True, verbose_name='calendar feed token')),
                ('notify_changes', models.BooleanField(default=True, verbose_name='e-mail me agenda changes')),
                ('city', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='people', to='cities.city', verbose_name='city')),
                ('organisation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='people', to='cities.organisation', verbose_name='organisation')),
                ('user', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='person', to=settings.AUTH_USER_MODEL, verbose_name='user account')),
            ],
            options={
                'verbose_name': 'person',
                'verbose_name_plural': 'people',
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='Invitation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('email', models.EmailField(max_length=254, verbose_name='e-mail address')),
                ('token_hash', models.CharField(editable=False, max_length=64, null=True, unique=True, verbose_name='token hash')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='sent')),
                ('expires_at', models.DateTimeField(verbose_name='expires')),
                ('accepted_at', models.DateTimeField(blank=True, null=True, verbose_name='accepted')),
                ('invited_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='invitations_sent', to=settings.AUTH_USER_MODEL, verbose_name='invited by')),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='invitations', to='participants.person', verbose_name='person')),
            ],
            options={
                'verbose_name': 'invitation',
                'verbose_name_plural': 'invitations',
                'db_table': 'accounts_invitation',
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.AddConstraint(
            model_name='person',
            constraint=models.UniqueConstraint(condition=models.Q(('email', ''), _negated=True), fields=('email',), name='unique_person_email_when_set'),
        ),
    ]
