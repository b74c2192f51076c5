# Squashed by hand (issue 12, clean layers): replaces the app's migrations up to today's main with one that depends only on apps below it. Tables keep the names existing databases have; a later migration renames them.

import django.db.models.deletion
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('exchanges', '0001_initial'),
        ('exchanges', '0002_initial'),
        ('exchanges', '0003_next_step_updates_and_reminders'),
        ('exchanges', '0004_exchange_date_indexes'),
    ]

    dependencies = [
        ('cities', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('participants', '0001_squashed_0001_people'),
    ]

    operations = [
        migrations.CreateModel(
            name='Membership',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(choices=[('head', 'Head of delegation'), ('member', 'Member'), ('host_coordinator', 'Host coordinator'), ('facilitator', 'Facilitator'), ('interpreter', 'Interpreter')], default='member', max_length=20, verbose_name='role')),
            ],
            options={
                'verbose_name': 'membership',
                'verbose_name_plural': 'memberships',
                'db_table': 'participants_membership',
                'ordering': ['delegation', 'role', 'person__name'],
            },
        ),
        migrations.CreateModel(
            name='NextStep',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField(default=0, verbose_name='position')),
                ('text', models.TextField(verbose_name='commitment')),
                ('due_date', models.DateField(blank=True, null=True, verbose_name='due date')),
                ('status', models.CharField(choices=[('open', 'Open'), ('in_progress', 'In progress'), ('done', 'Done'), ('dropped', 'Dropped')], default='open', max_length=12, verbose_name='status')),
                ('reminder_week_sent_for', models.DateField(editable=False, null=True, verbose_name='week reminder sent for due date')),
                ('overdue_sent_for', models.DateField(editable=False, null=True, verbose_name='overdue reminder sent for due date')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
            ],
            options={
                'verbose_name': 'next step',
                'verbose_name_plural': 'next steps',
                'ordering': ['exchange', 'position', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='NextStepUpdate',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.TextField(verbose_name='update')),
                ('new_status', models.CharField(blank=True, choices=[('open', 'Open'), ('in_progress', 'In progress'), ('done', 'Done'), ('dropped', 'Dropped')], help_text='Empty: unchanged.', max_length=12, verbose_name='status set to')),
                ('created_at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='posted')),
            ],
            options={
                'verbose_name': 'next step update',
                'verbose_name_plural': 'next step updates',
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='Objective',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField(default=0, verbose_name='position')),
                ('lead', models.CharField(max_length=255, verbose_name='lead')),
                ('detail', models.TextField(blank=True, verbose_name='detail')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
            ],
            options={
                'verbose_name': 'objective',
                'verbose_name_plural': 'objectives',
                'ordering': ['exchange', 'position', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='Programme',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=255, verbose_name='name')),
                ('slug', models.SlugField(max_length=255, unique=True, verbose_name='slug')),
                ('start_date', models.DateField(verbose_name='start date')),
                ('end_date', models.DateField(verbose_name='end date')),
                ('planned_exchanges', models.PositiveSmallIntegerField(default=1, verbose_name='planned number of exchanges')),
                ('description', models.TextField(blank=True, verbose_name='description')),
            ],
            options={
                'verbose_name': 'programme',
                'verbose_name_plural': 'programmes',
                'ordering': ['-start_date', 'name'],
            },
        ),
        migrations.CreateModel(
            name='Session',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('uid', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='calendar UID')),
                ('kind', models.CharField(choices=[('roundtable', 'Roundtable'), ('briefing', 'Briefing'), ('presentation', 'Presentation'), ('workshop', 'Workshop'), ('site_visit', 'Site visit'), ('meal', 'Meal'), ('travel', 'Travel'), ('other', 'Other')], default='presentation', max_length=20, verbose_name='kind')),
                ('title', models.CharField(max_length=255, verbose_name='title')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('start', models.DateTimeField(verbose_name='start')),
                ('end', models.DateTimeField(verbose_name='end')),
                ('notes', models.TextField(blank=True, help_text='Markdown. The summary report draws on these.', verbose_name='notes and outcome')),
                ('sequence', models.PositiveIntegerField(default=0, editable=False, verbose_name='revision')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
            ],
            options={
                'verbose_name': 'session',
                'verbose_name_plural': 'sessions',
                'ordering': ['start', 'end', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='Venue',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=255, verbose_name='name')),
                ('kind', models.CharField(choices=[('venue', 'Meeting venue'), ('site', 'Site')], default='venue', max_length=10, verbose_name='kind')),
                ('address', models.CharField(blank=True, max_length=255, verbose_name='address')),
                ('district', models.CharField(blank=True, max_length=120, verbose_name='district')),
                ('description', models.TextField(blank=True, verbose_name='description')),
            ],
            options={
                'verbose_name': 'venue or site',
                'verbose_name_plural': 'venues and sites',
                'ordering': ['city__name', 'name'],
            },
        ),
        migrations.CreateModel(
            name='AgendaChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('session_title', models.CharField(max_length=255, verbose_name='session title')),
                ('action', models.CharField(choices=[('added', 'Added'), ('changed', 'Changed'), ('removed', 'Removed')], max_length=10, verbose_name='action')),
                ('summary', models.TextField(blank=True, verbose_name='what changed')),
                ('created_at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='when')),
                ('notified_at', models.DateTimeField(blank=True, null=True, verbose_name='delegates notified')),
                ('changed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL, verbose_name='changed by')),
            ],
            options={
                'verbose_name': 'agenda change',
                'verbose_name_plural': 'agenda changes',
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='Delegation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(choices=[('host', 'Host'), ('visiting', 'Visiting')], default='visiting', max_length=10, verbose_name='role')),
                ('city', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='delegations', to='cities.city', verbose_name='city')),
            ],
            options={
                'verbose_name': 'delegation',
                'verbose_name_plural': 'delegations',
                'db_table': 'participants_delegation',
                'ordering': ['role', 'city__name'],
            },
        ),
        migrations.CreateModel(
            name='Exchange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=255, verbose_name='title')),
                ('slug', models.SlugField(max_length=255, unique=True, verbose_name='slug')),
                ('start_date', models.DateField(help_text="In the host city's time zone.", verbose_name='first day')),
                ('end_date', models.DateField(help_text="In the host city's time zone.", verbose_name='last day')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('scheduled', 'Scheduled'), ('under_way', 'Under way'), ('completed', 'Completed'), ('cancelled', 'Cancelled')], default='draft', max_length=12, verbose_name='status')),
                ('description', models.TextField(blank=True, help_text='What the exchange sets out to do, in a sentence or two.', verbose_name='purpose')),
                ('outcome', models.TextField(blank=True, help_text='Markdown. Closes the summary of the report.', verbose_name='overall outcome')),
                ('is_public', models.BooleanField(default=False, help_text='Show the agenda and published report to everyone.', verbose_name='public')),
                ('transfer_buffer_minutes', models.PositiveSmallIntegerField(default=30, help_text='Warn when sessions at different venues are closer together than this.', verbose_name='transfer buffer (minutes)')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('host_city', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='hosted_exchanges', to='cities.city', verbose_name='host city')),
            ],
            options={
                'verbose_name': 'exchange',
                'verbose_name_plural': 'exchanges',
                'ordering': ['-start_date', 'title'],
            },
        ),
        migrations.AddField(
            model_name='exchange',
            name='host_contact',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='hosted_exchanges', to='participants.person', verbose_name='host contact'),
        ),
        migrations.AddField(
            model_name='exchange',
            name='themes',
            field=models.ManyToManyField(blank=True, related_name='exchanges', to='cities.theme', verbose_name='themes'),
        ),
        migrations.AddField(
            model_name='exchange',
            name='visiting_cities',
            field=models.ManyToManyField(related_name='visited_exchanges', to='cities.city', verbose_name='visiting cities'),
        ),
        migrations.AddField(
            model_name='delegation',
            name='exchange',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='delegations', to='exchanges.exchange', verbose_name='exchange'),
        ),
        migrations.AddField(
            model_name='agendachange',
            name='exchange',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='agenda_changes', to='exchanges.exchange', verbose_name='exchange'),
        ),
        migrations.AddField(
            model_name='membership',
            name='delegation',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='exchanges.delegation', verbose_name='delegation'),
        ),
        migrations.AddField(
            model_name='membership',
            name='person',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='participants.person', verbose_name='person'),
        ),
        migrations.AddField(
            model_name='delegation',
            name='members',
            field=models.ManyToManyField(related_name='delegations', through='exchanges.Membership', to='participants.person', verbose_name='members'),
        ),
        migrations.AddField(
            model_name='nextstep',
            name='exchange',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='next_steps', to='exchanges.exchange', verbose_name='exchange'),
        ),
        migrations.AddField(
            model_name='nextstep',
            name='owner_organisation',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='next_steps', to='cities.organisation', verbose_name='owner organisation'),
        ),
        migrations.AddField(
            model_name='nextstep',
            name='owner_person',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='next_steps', to='participants.person', verbose_name='owner'),
        ),
        migrations.AddField(
            model_name='nextstepupdate',
            name='author',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='next_step_updates', to=settings.AUTH_USER_MODEL, verbose_name='author'),
        ),
        migrations.AddField(
            model_name='nextstepupdate',
            name='next_step',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='updates', to='exchanges.nextstep', verbose_name='next step'),
        ),
        migrations.AddField(
            model_name='objective',
            name='exchange',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='objectives', to='exchanges.exchange', verbose_name='exchange'),
        ),
        migrations.AddField(
            model_name='nextstep',
            name='objective',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='next_steps', to='exchanges.objective', verbose_name='objective served'),
        ),
        migrations.AddField(
            model_name='programme',
            name='organiser',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='programmes', to='cities.organisation', verbose_name='organiser'),
        ),
        migrations.AddField(
            model_name='exchange',
            name='programme',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='exchanges', to='exchanges.programme', verbose_name='programme'),
        ),
        migrations.AddField(
            model_name='session',
            name='attending_delegations',
            field=models.ManyToManyField(blank=True, help_text='Leave empty when every delegation attends.', related_name='sessions', to='exchanges.delegation', verbose_name='attending delegations'),
        ),
        migrations.AddField(
            model_name='session',
            name='exchange',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='sessions', to='exchanges.exchange', verbose_name='exchange'),
        ),
        migrations.AddField(
            model_name='session',
            name='initiatives',
            field=models.ManyToManyField(blank=True, related_name='sessions', to='cities.initiative', verbose_name='initiatives presented'),
        ),
        migrations.AddField(
            model_name='session',
            name='organisations',
            field=models.ManyToManyField(blank=True, related_name='sessions', to='cities.organisation', verbose_name='organisations involved'),
        ),
        migrations.AddField(
            model_name='session',
            name='presenters',
            field=models.ManyToManyField(blank=True, related_name='presented_sessions', to='participants.person', verbose_name='presenters'),
        ),
        migrations.AddField(
            model_name='agendachange',
            name='session',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='changes', to='exchanges.session', verbose_name='session'),
        ),
        migrations.AddField(
            model_name='venue',
            name='city',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='venues', to='cities.city', verbose_name='city'),
        ),
        migrations.AddField(
            model_name='venue',
            name='host_organisation',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='venues', to='cities.organisation', verbose_name='host organisation'),
        ),
        migrations.AddField(
            model_name='session',
            name='venue',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='sessions', to='exchanges.venue', verbose_name='venue or site'),
        ),
        migrations.AddConstraint(
            model_name='membership',
            constraint=models.UniqueConstraint(fields=('person', 'delegation'), name='one_membership_per_delegation'),
        ),
        migrations.AddConstraint(
            model_name='delegation',
            constraint=models.UniqueConstraint(fields=('exchange', 'city'), name='one_delegation_per_city_and_exchange'),
        ),
        migrations.AddConstraint(
            model_name='programme',
            constraint=models.CheckConstraint(condition=models.Q(('end_date__gte', models.F('start_date'))), name='programme_ends_after_start', violation_error_message='The programme must end on or after its start date.'),
        ),
        migrations.AddIndex(
            model_name='exchange',
            index=models.Index(fields=['start_date'], name='exchanges_e_start_d_329188_idx'),
        ),
        migrations.AddIndex(
            model_name='exchange',
            index=models.Index(fields=['end_date'], name='exchanges_e_end_dat_12c86a_idx'),
        ),
        migrations.AddConstraint(
            model_name='exchange',
            constraint=models.CheckConstraint(condition=models.Q(('end_date__gte', models.F('start_date'))), name='exchange_ends_after_start', violation_error_message='The last day must be on or after the first day.'),
        ),
        migrations.AddIndex(
            model_name='session',
            index=models.Index(fields=['exchange', 'start'], name='exchanges_s_exchang_e1cebf_idx'),
        ),
        migrations.AddConstraint(
            model_name='session',
            constraint=models.CheckConstraint(condition=models.Q(('end__gt', models.F('start'))), name='session_ends_after_start', violation_error_message='The session must end after it starts.'),
        ),
        migrations.AddConstraint(
            model_name='session',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'site_visit'), _negated=True), ('venue__isnull', False), _connector='OR'), name='site_visit_has_venue', violation_error_message='A site visit needs a site.'),
        ),
    ]
