# Squashed by hand (issue 12, clean layers): replaces the app's migrations up to today's main with one that depends only on apps below it. Tables keep the names existing databases have; a later migration renames them.

import django.db.models.deletion
import simple_history.models
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('audit', '0001_history_of_exchanges_sessions_delegations_people'),
        ('audit', '0002_history_of_next_step_reminders'),
        ('audit', '0003_history_of_summary_reports'),
    ]

    dependencies = [
        ('cities', '0001_initial'),
        ('exchanges', '0001_squashed_0004_exchange_date_indexes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('participants', '0001_squashed_0001_people'),
        ('reports', '0002_report_per_language_and_translations'),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalExchange',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('title', models.CharField(max_length=255, verbose_name='title')),
                ('slug', models.SlugField(max_length=255, verbose_name='slug')),
                ('start_date', models.DateField(help_text="In the host city's time zone.", verbose_name='first day')),
                ('end_date', models.DateField(help_text="In the host city's time zone.", verbose_name='last day')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('scheduled', 'Scheduled'), ('under_way', 'Under way'), ('completed', 'Completed'), ('cancelled', 'Cancelled')], default='draft', max_length=12, verbose_name='status')),
                ('description', models.TextField(blank=True, help_text='What the exchange sets out to do, in a sentence or two.', verbose_name='purpose')),
                ('outcome', models.TextField(blank=True, help_text='Markdown. Closes the summary of the report.', verbose_name='overall outcome')),
                ('is_public', models.BooleanField(default=False, help_text='Show the agenda and published report to everyone.', verbose_name='public')),
                ('transfer_buffer_minutes', models.PositiveSmallIntegerField(default=30, help_text='Warn when sessions at different venues are closer together than this.', verbose_name='transfer buffer (minutes)')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical exchange',
                'verbose_name_plural': 'historical exchanges',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalMembership',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('role', models.CharField(choices=[('head', 'Head of delegation'), ('member', 'Member'), ('host_coordinator', 'Host coordinator'), ('facilitator', 'Facilitator'), ('interpreter', 'Interpreter')], default='member', max_length=20, verbose_name='role')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical membership',
                'verbose_name_plural': 'historical memberships',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalNextStep',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField(default=0, verbose_name='position')),
                ('text', models.TextField(verbose_name='commitment')),
                ('due_date', models.DateField(blank=True, null=True, verbose_name='due date')),
                ('status', models.CharField(choices=[('open', 'Open'), ('in_progress', 'In progress'), ('done', 'Done'), ('dropped', 'Dropped')], default='open', max_length=12, verbose_name='status')),
                ('reminder_week_sent_for', models.DateField(editable=False, null=True, verbose_name='week reminder sent for due date')),
                ('overdue_sent_for', models.DateField(editable=False, null=True, verbose_name='overdue reminder sent for due date')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical next step',
                'verbose_name_plural': 'historical next steps',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalObjective',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField(default=0, verbose_name='position')),
                ('lead', models.CharField(max_length=255, verbose_name='lead')),
                ('detail', models.TextField(blank=True, verbose_name='detail')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical objective',
                'verbose_name_plural': 'historical objectives',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalPerson',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('honorific', models.CharField(blank=True, help_text='For example: Commander, Dr.', max_length=60, verbose_name='honorific')),
                ('job_title', models.CharField(blank=True, max_length=255, verbose_name='job title')),
                ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail address')),
                ('languages', models.CharField(blank=True, max_length=120, verbose_name='languages spoken')),
                ('language', models.CharField(choices=[('en', 'English'), ('fr', 'French')], default='en', help_text='Language of e-mails, agendas and calendar feeds.', max_length=8, verbose_name='preferred language')),
                ('notify_changes', models.BooleanField(default=True, verbose_name='e-mail me agenda changes')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical person',
                'verbose_name_plural': 'historical people',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalReport',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('language', models.CharField(choices=[('en', 'English'), ('fr', 'French')], default='en', max_length=8, verbose_name='language')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('published', 'Published')], default='draft', max_length=10, verbose_name='status')),
                ('include_annex', models.BooleanField(default=False, help_text='Add the delegations and the agenda after the next steps.', verbose_name='annex')),
                ('introduction', models.TextField(blank=True, verbose_name='introduction')),
                ('aims', models.TextField(blank=True, verbose_name='aims and objectives')),
                ('summary', models.TextField(blank=True, verbose_name='summary')),
                ('next_steps', models.TextField(blank=True, verbose_name='next steps')),
                ('version', models.PositiveIntegerField(default=0, verbose_name='version')),
                ('drafted_at', models.DateTimeField(blank=True, null=True, verbose_name='drafted')),
                ('edited_at', models.DateTimeField(blank=True, null=True, verbose_name='text last changed')),
                ('published_at', models.DateTimeField(blank=True, null=True, verbose_name='published')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical summary report',
                'verbose_name_plural': 'historical summary reports',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalSession',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('uid', models.UUIDField(db_index=True, default=uuid.uuid4, editable=False, verbose_name='calendar UID')),
                ('kind', models.CharField(choices=[('roundtable', 'Roundtable'), ('briefing', 'Briefing'), ('presentation', 'Presentation'), ('workshop', 'Workshop'), ('site_visit', 'Site visit'), ('meal', 'Meal'), ('travel', 'Travel'), ('other', 'Other')], default='presentation', max_length=20, verbose_name='kind')),
                ('title', models.CharField(max_length=255, verbose_name='title')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('start', models.DateTimeField(verbose_name='start')),
                ('end', models.DateTimeField(verbose_name='end')),
                ('notes', models.TextField(blank=True, help_text='Markdown. The summary report draws on these.', verbose_name='notes and outcome')),
                ('sequence', models.PositiveIntegerField(default=0, editable=False, verbose_name='revision')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical session',
                'verbose_name_plural': 'historical sessions',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalDelegation',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('role', models.CharField(choices=[('host', 'Host'), ('visiting', 'Visiting')], default='visiting', max_length=10, verbose_name='role')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('city', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='cities.city', verbose_name='city')),
            ],
            options={
                'verbose_name': 'historical delegation',
                'verbose_name_plural': 'historical delegations',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddField(
            model_name='historicaldelegation',
            name='exchange',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='exchanges.exchange', verbose_name='exchange'),
        ),
        migrations.AddField(
            model_name='historicaldelegation',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalexchange',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalexchange',
            name='host_city',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='cities.city', verbose_name='host city'),
        ),
        migrations.AddField(
            model_name='historicalexchange',
            name='host_contact',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='participants.person', verbose_name='host contact'),
        ),
        migrations.AddField(
            model_name='historicalexchange',
            name='programme',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='exchanges.programme', verbose_name='programme'),
        ),
        migrations.AddField(
            model_name='historicalmembership',
            name='delegation',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='exchanges.delegation', verbose_name='delegation'),
        ),
        migrations.AddField(
            model_name='historicalmembership',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalmembership',
            name='person',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='participants.person', verbose_name='person'),
        ),
        migrations.AddField(
            model_name='historicalnextstep',
            name='exchange',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='exchanges.exchange', verbose_name='exchange'),
        ),
        migrations.AddField(
            model_name='historicalnextstep',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalnextstep',
            name='objective',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='exchanges.objective', verbose_name='objective served'),
        ),
        migrations.AddField(
            model_name='historicalnextstep',
            name='owner_organisation',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='cities.organisation', verbose_name='owner organisation'),
        ),
        migrations.AddField(
            model_name='historicalnextstep',
            name='owner_person',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='participants.person', verbose_name='owner'),
        ),
        migrations.AddField(
            model_name='historicalobjective',
            name='exchange',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='exchanges.exchange', verbose_name='exchange'),
        ),
        migrations.AddField(
            model_name='historicalobjective',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalperson',
            name='city',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='cities.city', verbose_name='city'),
        ),
        migrations.AddField(
            model_name='historicalperson',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalperson',
            name='organisation',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='cities.organisation', verbose_name='organisation'),
        ),
        migrations.AddField(
            model_name='historicalperson',
            name='user',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='user account'),
        ),
        migrations.AddField(
            model_name='historicalreport',
            name='exchange',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='exchanges.exchange', verbose_name='exchange'),
        ),
        migrations.AddField(
            model_name='historicalreport',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalreport',
            name='translation_of',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='reports.report', verbose_name='translation of'),
        ),
        migrations.AddField(
            model_name='historicalreport',
            name='updated_by',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='last edited by'),
        ),
        migrations.AddField(
            model_name='historicalsession',
            name='exchange',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='exchanges.exchange', verbose_name='exchange'),
        ),
        migrations.AddField(
            model_name='historicalsession',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalsession',
            name='venue',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='exchanges.venue', verbose_name='venue or site'),
        ),
    ]
