import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyWithRules, rulesClassifier } from '../../classifiers/rules-classifier.ts';
import type { Category, Risk, ServerContext, Tag, ToolDefinition } from '../../src/types.ts';

interface Case {
  tool: ToolDefinition;
  server?: ServerContext;
  category: Category;
  /** Left out where only the category is the point. */
  risk?: Risk;
  ambiguous?: boolean;
  tags?: Tag[];
  /** Tags that must not be there. */
  notTags?: Tag[];
}

const props = (...names: string[]): Record<string, unknown> => ({
  type: 'object',
  properties: Object.fromEntries(names.map((n) => [n, { type: 'string' }])),
});

const gh: ServerContext = { name: 'github', description: 'GitHub API: repositories, issues and pull requests' };
const slack: ServerContext = { name: 'slack', description: 'Slack workspace messaging' };
const fs: ServerContext = { name: 'filesystem', description: 'Secure file operations on the local filesystem' };
const stripe: ServerContext = { name: 'stripe', description: 'Stripe payments API' };
const aws: ServerContext = { name: 'aws', description: 'Manage AWS resources' };
const pg: ServerContext = { name: 'postgres', description: 'PostgreSQL database access' };
const pw: ServerContext = { name: 'playwright', description: 'Browser automation with Playwright' };

// Written from LABELS.md, not from the classifier's output.
const CASES: Case[] = [
  // GitHub
  { tool: { name: 'list_issues', description: 'List issues in a GitHub repository with filtering options.', inputSchema: props('owner', 'repo', 'state', 'page') }, server: gh, category: 'Read', risk: 'Medium', tags: ['reads-private-data'] },
  { tool: { name: 'create_issue', description: 'Create a new issue in a GitHub repository.', inputSchema: props('owner', 'repo', 'title', 'body') }, server: gh, category: 'Write', risk: 'High' },
  { tool: { name: 'add_issue_comment', description: 'Add a comment to an existing issue.' }, server: gh, category: 'Write', risk: 'High', tags: ['public-sink'] },
  { tool: { name: 'merge_pull_request', description: 'Merge a pull request into its base branch.' }, server: gh, category: 'Write', risk: 'High' },
  { tool: { name: 'delete_repository', description: 'Permanently delete a repository. This cannot be undone.' }, server: gh, category: 'Delete', risk: 'High', tags: ['destructive-shared'] },
  { tool: { name: 'remove_label', description: 'Remove a label from an issue.' }, server: gh, category: 'Delete', risk: 'Medium' },
  { tool: { name: 'add_collaborator', description: 'Add a user as a collaborator with a given permission level.', inputSchema: props('owner', 'repo', 'username', 'permission') }, server: gh, category: 'Write', risk: 'Critical' },
  { tool: { name: 'search_repositories', description: 'Search for GitHub repositories.' }, server: gh, category: 'Read', risk: 'Medium' },
  // Slack and email
  { tool: { name: 'slack_post_message', description: 'Post a new message to a Slack channel.', inputSchema: props('channel_id', 'text') }, server: slack, category: 'Write', risk: 'High', tags: ['public-sink'] },
  { tool: { name: 'slack_get_channel_history', description: 'Get recent messages from a channel.' }, server: slack, category: 'Read', risk: 'Medium', tags: ['ingests-untrusted-content', 'reads-private-data'] },
  { tool: { name: 'slack_add_reaction', description: 'Add a reaction emoji to a message.' }, server: slack, category: 'Write', risk: 'Medium' },
  { tool: { name: 'send_email', description: 'Sends an email to one or more recipients.', inputSchema: props('to', 'subject', 'body') }, category: 'Write', risk: 'High', tags: ['public-sink'] },
  { tool: { name: 'draft_email', description: 'Create a draft email without sending it.', inputSchema: props('to', 'subject', 'body') }, category: 'Write', risk: 'Medium' },
  { tool: { name: 'delete_message', description: 'Delete a message from a channel.' }, server: slack, category: 'Delete', risk: 'High' },
  // Filesystem
  { tool: { name: 'read_file', description: 'Read the complete contents of a file.', inputSchema: props('path') }, server: fs, category: 'Read', risk: 'Medium', tags: ['reads-private-data'] },
  { tool: { name: 'write_file', description: 'Create a new file or completely overwrite an existing file.', inputSchema: props('path', 'content') }, server: fs, category: 'Write', risk: 'High', tags: ['destructive-local'] },
  { tool: { name: 'move_file', description: 'Move or rename files and directories.', inputSchema: props('source', 'destination') }, server: fs, category: 'Write', risk: 'Medium' },
  { tool: { name: 'delete_file', description: 'Delete a file from disk.', inputSchema: props('path') }, server: fs, category: 'Delete', risk: 'High', tags: ['destructive-local'] },
  { tool: { name: 'list_deleted_items', description: 'List items currently in the trash.' }, category: 'Read', risk: 'Medium' },
  { tool: { name: 'undelete', description: 'Restore a deleted file from the trash.' }, category: 'Write', risk: 'Medium' },
  // Grammar: a word after an article is a noun unless a light verb hands it the action; un-verbs undo
  { tool: { name: 'rerank_documents', description: 'Rerank a set of provided documents by relevance to a query.' }, category: 'Read', risk: 'Medium' },
  { tool: { name: 'capture', description: 'Take a screenshot of the current page.' }, server: pw, category: 'Read', risk: 'Low' },
  { tool: { name: 'unresolve_comment', description: 'Unresolves a comment thread.' }, server: gh, category: 'Write', risk: 'High' },
  { tool: { name: 'unapprove_pull_request', description: 'Remove your approval from a pull request.' }, server: gh, category: 'Delete', risk: 'Medium' },
  // Tasks and the agent's own memory are not private data; a task in a code host keeps its domain's floor
  { tool: { name: 'get_task', description: 'Get one task from the task list by its id.' }, category: 'Read', risk: 'Low' },
  { tool: { name: 'memory_store', description: 'Store a new guideline item in memory.' }, category: 'Write', risk: 'Low' },
  { tool: { name: 'get_task', description: 'Get one task by its id.' }, server: { name: 'asana-mcp' }, category: 'Read', risk: 'Medium' },
  // Design tokens and token counts are not secrets
  { tool: { name: 'get_design_tokens', description: 'Extract design tokens (colors, spacing, typography) from a design file.' }, category: 'Read', risk: 'Low' },
  // Shell and code
  { tool: { name: 'run_command', description: 'Run a shell command on the host and return its output.', inputSchema: props('command') }, category: 'Write', risk: 'Critical', tags: ['executes-code'] },
  { tool: { name: 'execute_python', description: 'Execute Python code in a sandboxed environment.', inputSchema: props('code') }, category: 'Write', risk: 'High', tags: ['executes-code'] },
  { tool: { name: 'bash', description: 'Run bash.', inputSchema: props('command') }, category: 'Write', risk: 'Critical' },
  // Payments
  { tool: { name: 'create_refund', description: 'Refund a charge.', inputSchema: props('charge', 'amount') }, server: stripe, category: 'Write', risk: 'Critical', tags: ['financial'] },
  { tool: { name: 'list_charges', description: 'List charges on the account.' }, server: stripe, category: 'Read', risk: 'Medium', tags: ['financial', 'reads-private-data'] },
  { tool: { name: 'create_customer', description: 'Create a customer record.' }, server: stripe, category: 'Write', risk: 'Medium', tags: ['financial'] },
  { tool: { name: 'cancel_subscription', description: 'Cancel a customer subscription.' }, server: stripe, category: 'Delete', risk: 'High' },
  // Cloud
  { tool: { name: 'ec2_terminate_instances', description: 'Terminate EC2 instances.' }, server: aws, category: 'Delete', risk: 'High', tags: ['destructive-shared'] },
  { tool: { name: 'describe_instances', description: 'Describe EC2 instances in a region.' }, server: aws, category: 'Read', risk: 'Medium' },
  { tool: { name: 'deploy_service', description: 'Deploy a new version of the service to production.' }, category: 'Write', risk: 'High' },
  { tool: { name: 'create_access_key', description: 'Create a new IAM access key for a user.' }, server: aws, category: 'Write', risk: 'Critical' },
  { tool: { name: 's3_empty_bucket', description: 'Delete all objects in a bucket.' }, server: aws, category: 'Delete', risk: 'Critical' },
  // Databases
  { tool: { name: 'query', description: 'Run a read-only SQL query.', inputSchema: props('sql') }, server: pg, category: 'Read', risk: 'Medium' },
  { tool: { name: 'execute_sql', description: 'Execute any SQL statement, including INSERT, UPDATE and DELETE.', inputSchema: props('sql') }, server: pg, category: 'Write', risk: 'Critical', tags: ['executes-code'] },
  { tool: { name: 'list_tables', description: 'List tables in the database.' }, server: pg, category: 'Read', risk: 'Medium' },
  { tool: { name: 'drop_table', description: 'Drop a table and all of its data.' }, server: pg, category: 'Delete', risk: 'Critical' },
  { tool: { name: 'delete_many', description: 'Delete all documents matching the filter.', inputSchema: props('collection', 'filter') }, category: 'Delete', risk: 'Critical' },
  // Browser
  { tool: { name: 'browser_navigate', description: 'Navigate to a URL.', inputSchema: props('url') }, server: pw, category: 'Read', risk: 'Low', ambiguous: true },
  { tool: { name: 'browser_take_screenshot', description: 'Take a screenshot of the current page.' }, server: pw, category: 'Read', risk: 'Low' },
  { tool: { name: 'browser_evaluate', description: 'Evaluate JavaScript expression on the page.' }, server: pw, category: 'Write', risk: 'High', tags: ['executes-code'] },
  { tool: { name: 'browser_close', description: 'Close the page.' }, server: pw, category: 'Delete', risk: 'Low' },
  // Search, calendar, notes, misc
  { tool: { name: 'web_search', description: 'Search the web and return results.', inputSchema: props('query') }, category: 'Read', risk: 'Low', tags: ['ingests-untrusted-content'] },
  { tool: { name: 'calculate', description: 'Evaluate a math expression.', inputSchema: props('expression') }, category: 'Read', risk: 'Low' },
  { tool: { name: 'add', description: 'Add two numbers.', inputSchema: { type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } } } }, category: 'Read', risk: 'Low' },
  { tool: { name: 'convert_currency', description: 'Convert an amount between currencies using public exchange rates.' }, category: 'Read', risk: 'Low' },
  { tool: { name: 'create_event', description: 'Create a calendar event and send invitations to attendees.', inputSchema: props('title', 'start', 'attendees') }, category: 'Write', risk: 'High' },
  { tool: { name: 'set_reminder', description: 'Set a reminder for yourself.' }, category: 'Write', risk: 'Low' },
  { tool: { name: 'archive_conversation', description: 'Archive a conversation; it can be unarchived later.' }, category: 'Write', risk: 'Medium' },
  { tool: { name: 'create_note', description: 'Create a note in the notes app.' }, category: 'Write', risk: 'Medium' },
  { tool: { name: 'get_or_create_user', description: 'Get a user by email, creating it if it does not exist.' }, category: 'Write', risk: 'Medium', ambiguous: true },
  { tool: { name: 'delete_preview', description: 'Show which files a delete would remove.' }, category: 'Read', risk: 'Medium' },
  { tool: { name: 'validate_deploy', description: 'Validate a deployment configuration without deploying.' }, category: 'Read', risk: 'Low' },
  { tool: { name: 'git_worktree', description: 'Manage git worktrees: add, move or remove.', inputSchema: { type: 'object', properties: { action: { type: 'string', enum: ['add', 'move', 'remove', 'list'] } } } }, category: 'Write', risk: 'Medium', ambiguous: true },
  { tool: { name: 'issue_create', description: 'Create an issue.' }, category: 'Write', risk: 'High' },
  { tool: { name: 'getUserById', description: 'Returns the user with the given id.' }, category: 'Read', risk: 'Medium' },
  { tool: { name: 'repo-delete' }, category: 'Delete', risk: 'High' },
  { tool: { name: 'tweet', description: 'Post a tweet.' }, category: 'Write', risk: 'High', tags: ['public-sink'] },
  { tool: { name: 'unsubscribe', description: 'Unsubscribe the user from a mailing list.' }, category: 'Delete', risk: 'Medium' },
  { tool: { name: 'revoke_token', description: 'Revoke an OAuth access token.' }, category: 'Delete', risk: 'High' },
  { tool: { name: 'get_current_time', description: 'Get the current time in a timezone.' }, category: 'Read', risk: 'Low' },
  { tool: { name: 'sync_status', description: 'Show the status of the last sync.' }, category: 'Read', risk: 'Low' },
  { tool: { name: 'get_build_logs', description: 'Get logs for a build.' }, category: 'Read', risk: 'Medium' },
  { tool: { name: 'kill_process', description: 'Terminate a running process by PID.' }, category: 'Delete', risk: 'High' },
  // "Go forward" is browser history, not forwarding a message.
  { tool: { name: 'browser_go_forward', description: 'Go forward to the next page' }, server: pw, category: 'Read', risk: 'Low' },
  { tool: { name: 'forward_email', description: 'Forward an email to another recipient.' }, category: 'Write', risk: 'High', tags: ['public-sink'] },
  // A design node is not a cluster node; a Kubernetes node is.
  { tool: { name: 'set_fills', description: 'Set the fill colors on a node.' }, server: { name: 'figma-console' }, category: 'Write', risk: 'Medium' },
  { tool: { name: 'cordon_node', description: 'Mark a cluster node unschedulable.' }, category: 'Write', risk: 'High' },
  // Credentials a call uses are not what it reads; credentials it returns are.
  { tool: { name: 'list-projects', description: 'List all GCP projects accessible with current credentials' }, category: 'Read', risk: 'Medium' },
  { tool: { name: 'get_api_key', description: 'Get the API key of a service account.' }, category: 'Read', risk: 'High' },
  // A hosted workspace holds the user's own documents: reading them is a private read.
  { tool: { name: 'list-onenote-notebooks', description: 'Retrieve a list of notebook objects.' }, server: { name: '@softeria/ms-365-mcp-server' }, category: 'Read', risk: 'Medium' },
  // CI/CD runs, deployments, artifacts and analytics are the account's data, not public information.
  { tool: { name: 'list_pipeline_runs', description: 'Lists the recent runs of a pipeline in a project.', inputSchema: props('projectSlug') }, category: 'Read', risk: 'Medium' },
  { tool: { name: 'get_deploy', description: 'Returns a deployment by its ID.', inputSchema: props('deployId') }, category: 'Read', risk: 'Medium' },
  { tool: { name: 'fetch_site_analytics', description: 'Fetch traffic analytics for the site.' }, category: 'Read', risk: 'Medium' },
  // Choosing the tool's own default for later calls is session state; changing a shared default is not.
  { tool: { name: 'set_current_project', description: 'Set the project that subsequent calls act on, so later calls can omit projectId.', inputSchema: props('projectId') }, category: 'Write', risk: 'Low' },
  { tool: { name: 'set_default_branch', description: "Set the repository's default branch.", inputSchema: props('repo', 'branch') }, category: 'Write', risk: 'Medium' },
  // Taking an item out of a group while it stays is not deleting it.
  { tool: { name: 'remove_task_from_section', description: 'Removes a task from a section. The task itself is not deleted and can be added back.', inputSchema: props('taskId', 'sectionId') }, category: 'Delete', risk: 'Low' },
  { tool: { name: 'remove_task', description: 'Removes a task.', inputSchema: props('taskId') }, category: 'Delete', risk: 'Medium' },
  // A documentation page is public however its name says "doc"; a document in the user's drive is not.
  { tool: { name: 'get_framework_doc', description: 'Returns the Acme framework documentation page for a doc id.', inputSchema: props('docId') }, server: { name: 'acme-docs-mcp' }, category: 'Read', risk: 'Low' },
  { tool: { name: 'get_doc', description: 'Returns the text of one of your Google Docs.', inputSchema: props('documentId') }, server: { name: 'google-drive-mcp' }, category: 'Read', risk: 'Medium' },
  // Disconnecting ends the tool's connection; the database stays. Disconnecting a payment provider is a change.
  { tool: { name: 'disconnect_database', description: 'Close the current database connection.' }, server: { name: 'universal-db-mcp' }, category: 'Delete', risk: 'Low' },
  { tool: { name: 'disconnect_payment_provider', description: 'Disconnect a payment provider from the store.', inputSchema: props('providerId') }, category: 'Delete', risk: 'Medium' },
  // A coding agent that can work the terminal, a CLI run on a free prompt, and a desktop driven by mouse and keyboard run anything on the host.
  { tool: { name: 'agent', description: 'Your all-round assistant for code, files, Git and terminal operations.', inputSchema: props('prompt') }, category: 'Write', risk: 'Critical' },
  { tool: { name: 'gemini', description: 'Execute the Gemini CLI non-interactively with a prompt.', inputSchema: props('prompt') }, category: 'Write', risk: 'Critical' },
  { tool: { name: 'desktop', description: 'Use the mouse and keyboard to operate the computer, and take screenshots.', inputSchema: props('action', 'coordinate', 'text') }, category: 'Write', risk: 'Critical' },
  { tool: { name: 'cli_version', description: 'Returns the installed version of the Gemini CLI.' }, category: 'Read', risk: 'Low' },
  // A debugger's step runs the paused program on; a step of a workflow or recipe is only read.
  { tool: { name: 'step_over', description: 'Steps over to the next line of code.' }, category: 'Write', risk: 'Low' },
  { tool: { name: 'list_steps', description: 'List the steps of a recipe.', inputSchema: props('recipeId') }, category: 'Read', risk: 'Low' },
  { tool: { name: 'align_elements', description: 'Align elements to a specific position.', inputSchema: props('elementIds', 'alignment') }, category: 'Write' },
  // A query the name restricts to reading is a read; a `code` that is a coupon or OAuth code runs nothing.
  { tool: { name: 'execute_read_query', description: 'Runs a statement against the warehouse and returns the rows.', inputSchema: props('query') }, server: pg, category: 'Read' },
  { tool: { name: 'redeem_coupon', description: 'Apply a coupon to the shopping cart.', inputSchema: { type: 'object', properties: { code: { type: 'string', description: 'Coupon code the customer typed' } } } }, category: 'Write', risk: 'Medium' },
  { tool: { name: 'execute', description: 'Executes the saved checklist for a project.', inputSchema: { type: 'object', properties: { code: { type: 'string', pattern: '^[A-Z0-9]+$', description: 'Project code' } } } }, category: 'Write', risk: 'Medium' },
  { tool: { name: 'run_snippet', description: 'Runs a JavaScript snippet on the host.', inputSchema: { type: 'object', properties: { code: { type: 'string', description: 'The JavaScript source code to execute' } } } }, category: 'Write', risk: 'Critical' },
  // "Create or update" in prose is not a list of SQL statements; INSERT/DROP is.
  { tool: { name: 'save_contact', description: 'Create or update a contact in the address book; runs the duplicate check first.', inputSchema: props('name', 'email') }, category: 'Write', risk: 'Medium' },
  // Handing a prompt to a language model changes nothing and reaches no person.
  { tool: { name: 'consult', description: 'Sends a prompt to Gemini and returns the reply.', inputSchema: props('prompt') }, category: 'Read', risk: 'Low' },
  // An HTTP-method enum filters a listing; on a request tool it picks what the request does.
  { tool: { name: 'list_api_endpoints', description: 'Lists the documented endpoints of the API.', inputSchema: { type: 'object', properties: { method: { type: 'string', enum: ['GET', 'POST', 'PUT', 'DELETE'] } } } }, category: 'Read' },
  { tool: { name: 'http_request', description: 'Send an HTTP request to any URL.', inputSchema: { type: 'object', properties: { url: { type: 'string' }, method: { type: 'string', enum: ['GET', 'POST', 'PUT', 'DELETE'] } } } }, category: 'Write', ambiguous: true },
  // Verbs the lexicon lacked.
  { tool: { name: 'kick_member', description: 'Kick a member from the server.', inputSchema: props('userId') }, category: 'Delete' },
  { tool: { name: 'refactor_module', description: 'Refactor a module in the project to use the new API.', inputSchema: props('path') }, category: 'Write' },
  { tool: { name: 'assert_text_visible', description: 'Assert that the given text is visible on the page.', inputSchema: props('text') }, category: 'Read' },
  { tool: { name: 'list_expense_claims', description: 'List expense claims awaiting approval.' }, category: 'Read' },
  // A change verb that is also a noun, before a plain read verb, is the namespace: `trash_list_items` lists.
  { tool: { name: 'archive_get_snapshot', description: 'Get one snapshot from the public web archive.', inputSchema: props('url') }, category: 'Read' },
  { tool: { name: 'trash_list_entries', description: 'List the entries of the recycle area.' }, category: 'Read' },
  { tool: { name: 'trash_message', description: 'Move a message to the trash.', inputSchema: props('messageId') }, category: 'Delete' },
  // A database transaction is not a payment.
  { tool: { name: 'create_transaction', description: 'Create a transaction that moves funds between two ledger accounts.', inputSchema: props('from', 'to', 'amount') }, category: 'Write', risk: 'Critical' },
  // A later clause that opens with a change verb says what the call also does; a list of nouns does not.
  { tool: { name: 'sync_board', description: 'Sync a board in one call: creates missing columns, moves cards and returns the result.', inputSchema: props('boardId') }, category: 'Write' },
  { tool: { name: 'get_ticket', description: 'Returns a ticket with its comments, updates, attachments and watchers.', inputSchema: props('ticketId') }, category: 'Read' },
  { tool: { name: 'get_changelog', description: 'Return the changelog of the app. Updates are shipped every week.' }, category: 'Read' },
  // Unpacking an archive writes files; pulling text out of a document reads it.
  { tool: { name: 'unpack', description: 'Extracts a zip archive into the given folder.', inputSchema: props('archivePath', 'destination') }, category: 'Write' },
  { tool: { name: 'extract_pdf_text', description: 'Extract the text of a PDF document.', inputSchema: props('path') }, category: 'Read' },
  // Recording the screen captures it, as a screenshot does; recording a payment writes a record.
  { tool: { name: 'record_screen', description: 'Record a short screen video of the emulator.', inputSchema: props('seconds') }, category: 'Read', risk: 'Low' },
  { tool: { name: 'record_payment', description: 'Record a payment received against an invoice.', inputSchema: props('invoiceId', 'amount') }, category: 'Write' },
  // "Does not write or modify" settles a generator that only returns text; "reads … without modifying it" inside a mode list does not.
  { tool: { name: 'ci_workflow_template', description: 'Make a CI workflow for the project. Returns the YAML as text; does not write to disk.', inputSchema: props('language') }, category: 'Read' },
  { tool: { name: 'overlay', description: 'Dismiss the overlay entries, push a banner message, or detect the current state without modifying it.', inputSchema: props('mode', 'message') }, category: 'Write' },
  // A named database or business product means its reads are private; the tool's own version or connection check is not.
  { tool: { name: 'list_triggers', description: 'List the triggers defined on a table.', inputSchema: props('table') }, server: { name: 'mssql-tools' }, category: 'Read', risk: 'Medium' },
  { tool: { name: 'list_vendors', description: 'List vendors.', inputSchema: props('limit') }, server: { name: 'odoo-connector' }, category: 'Read', risk: 'Medium' },
  // An ordering is not a purchase order; a kanban card is not a payment card.
  { tool: { name: 'list_package_releases', description: 'List the releases of an npm package in publish order, newest first.', inputSchema: props('package') }, category: 'Read', risk: 'Low' },
  { tool: { name: 'get_card', description: 'Get one card of a kanban board with its checklist.', inputSchema: props('cardId') }, category: 'Read', risk: 'Medium', tags: ['reads-private-data'], notTags: ['financial'] },
  { tool: { name: 'list_saved_cards', description: 'List the credit cards saved on the customer account.', inputSchema: props('customerId') }, category: 'Read', risk: 'Medium', tags: ['financial'] },
  { tool: { name: 'get_server_version', description: 'Returns the version of this MCP server.' }, server: { name: 'odoo-connector' }, category: 'Read', risk: 'Low' },
  // A token on a chain, a design token or an LLM's token count is not a secret; an API token is.
  { tool: { name: 'get_bep20_token_supply', description: 'Return the total supply and decimals of a BEP20 token on BNB Smart Chain.', inputSchema: props('contractAddress') }, category: 'Read', risk: 'Low' },
  { tool: { name: 'usage_report', description: 'Show how many tokens were consumed per model this week.' }, category: 'Read', notTags: ['reads-private-data'] },
  { tool: { name: 'get_api_token', description: 'Return the API token stored for the current workspace.', inputSchema: props('workspace') }, category: 'Read', risk: 'High' },
  // Checking that a secret is configured reports its presence, not the secret.
  { tool: { name: 'auth_status', description: 'Check whether the OpenAI API key is configured for this server.' }, category: 'Read', risk: 'Low' },
  { tool: { name: 'show_credentials', description: 'Show the saved credentials for a connection, including the password.', inputSchema: props('connection') }, category: 'Read', risk: 'High' },
  // Merging shapes or cells overwrites nothing; merging a pull request changes a shared branch.
  { tool: { name: 'merge_layers', description: 'Merge two or more polygons into a single geometry and return it.', inputSchema: props('geojson') }, category: 'Write', notTags: ['destructive-shared'] },
  { tool: { name: 'merge_branch', description: 'Merge a branch into the main branch of the repository.', inputSchema: props('branch') }, category: 'Write', risk: 'High' },
  // Launching an app on a simulator starts a local process; launching instances changes infrastructure.
  { tool: { name: 'launch_app', description: 'Launch an installed app on the Android emulator by package name.', inputSchema: props('packageName') }, category: 'Write', risk: 'Medium' },
  { tool: { name: 'launch_instances', description: 'Launch new EC2 instances from an AMI in the given region.', inputSchema: props('amiId', 'region') }, category: 'Write', risk: 'High' },
  // What the tool itself supports is its own capability list, not the user's data.
  { tool: { name: 'list_supported_formats', description: 'List all supported output formats of the converter.' }, server: { name: 'acme-files' }, category: 'Read', risk: 'Low' },
  // An agent's memory server keeps the agent's own notes, whatever database stores them.
  { tool: { name: 'add_observations', description: 'Add new observations to existing entities in the knowledge graph.', inputSchema: props('entityName') }, server: { name: 'agent-memory-sqlite' }, category: 'Write', risk: 'Low' },
  { tool: { name: 'add_rows', description: 'Insert new rows into a table.', inputSchema: props('table') }, server: { name: 'acme-sqlite' }, category: 'Write', risk: 'Medium' },
  // A call scoped to a workspace or project reads that account's records; a list keyed by a public package name does not.
  { tool: { name: 'get_experiment_summary', description: 'Get a summary of experiment results.', inputSchema: props('project_id', 'experiment') }, category: 'Read', risk: 'Medium', tags: ['reads-private-data'] },
  { tool: { name: 'get_package_summary', description: 'Get a summary of a package.', inputSchema: props('package_name', 'version') }, category: 'Read', risk: 'Low' },
  // Altering an existing table can drop columns and their data on a shared database; adding a table or an index cannot.
  { tool: { name: 'alter_table', description: 'Modify an existing table schema (add or rename columns).', inputSchema: props('table', 'changes') }, server: pg, category: 'Write', risk: 'High' },
  { tool: { name: 'update_orders', description: 'Alters the orders table to add a discount column.', inputSchema: props('column') }, category: 'Write', risk: 'High' },
  { tool: { name: 'create_table', description: 'Create a new table with the given columns.', inputSchema: props('table', 'columns') }, server: pg, category: 'Write', risk: 'Medium' },
  // A generic HTTP client sends any method and body to a URL the caller picks; a request to the vendor's own API is an ordinary write.
  { tool: { name: 'http', description: 'Make an HTTP request to a URL with a chosen method, headers and body.', inputSchema: { type: 'object', properties: { url: { type: 'string' }, method: { type: 'string', enum: ['GET', 'POST', 'PUT', 'DELETE'] }, body: { type: 'string' } } } }, category: 'Write', risk: 'High', tags: ['public-sink'] },
  { tool: { name: 'api_call', description: 'Call an endpoint of the Acme CRM API with your account credentials.', inputSchema: { type: 'object', properties: { url: { type: 'string' }, method: { type: 'string', enum: ['GET', 'POST', 'PUT', 'DELETE'] }, body: { type: 'string' } } } }, category: 'Write', risk: 'Medium' },
  // Approving a device or access request lets someone in; approving a pull request lets code in, not a person.
  { tool: { name: 'approve_device_request', description: 'Approve a pending device login request for the organization.', inputSchema: props('requestId') }, category: 'Write', risk: 'Critical' },
  { tool: { name: 'approve_pull_request', description: 'Approve a pull request.', inputSchema: props('owner', 'repo', 'number') }, server: gh, category: 'Write', risk: 'Medium' },
  // "… and all its data" removes one thing with what hangs on it, not everything matching a filter.
  { tool: { name: 'delete_note', description: 'Delete a note and all its attachments.', inputSchema: props('noteId') }, category: 'Delete', risk: 'Medium' },
  { tool: { name: 'delete_all_projects', description: 'Delete all projects in the workspace.', inputSchema: props('workspaceId') }, category: 'Delete', risk: 'Critical' },
  // Closing a page closes a browser tab, the tool's own session; closing an issue changes its state.
  { tool: { name: 'close_page', description: 'Close the browser tab with the given index.', inputSchema: props('index') }, category: 'Delete', risk: 'Low' },
  { tool: { name: 'close_issue', description: 'Close an issue in a repository.', inputSchema: props('repo', 'issueNumber') }, category: 'Write' },
  // Generating a command for the user to run is a Read whatever the name says; a tool that runs it is not.
  { tool: { name: 'component_add', description: 'Generates the CLI install commands for the chosen UI components, for the user to run.', inputSchema: props('components') }, category: 'Read', risk: 'Low' },
  { tool: { name: 'component_add', description: 'Generates the install command for the chosen components and runs it in the project.', inputSchema: props('components') }, category: 'Write' },
  // A required place to save the result means every call writes a file; an optional one, or an `outDir` naming the package a tool reads, does not.
  { tool: { name: 'generate_image', description: 'Generate an image from a text prompt.', inputSchema: { type: 'object', properties: { prompt: { type: 'string' }, output_dir: { type: 'string', description: 'Directory where the image is saved' } }, required: ['prompt', 'output_dir'] } }, category: 'Write', risk: 'Low' },
  { tool: { name: 'generate_image', description: 'Generate an image from a text prompt.', inputSchema: { type: 'object', properties: { prompt: { type: 'string' }, output_dir: { type: 'string', description: 'Also save the image here' } }, required: ['prompt'] } }, category: 'Read' },
  { tool: { name: 'check_package', description: 'Run the fidelity checks on an extracted design-system package.', inputSchema: { type: 'object', properties: { outDir: { type: 'string', description: 'The package directory produced by the analyze step.' } }, required: ['outDir'] } }, category: 'Read' },
];

describe('classifyWithRules on realistic tools', () => {
  for (const c of CASES) {
    it(`${c.tool.name} → ${c.category}/${c.risk ?? 'any risk'}`, () => {
      const r = classifyWithRules(c.tool, c.server, { ignoreAnnotations: true });
      assert.equal(r.category, c.category, `category; rationale: ${r.rationale}`);
      if (c.risk !== undefined) assert.equal(r.risk, c.risk, `risk; rationale: ${r.rationale}`);
      if (c.ambiguous !== undefined) assert.equal(r.ambiguous, c.ambiguous, 'ambiguous');
      for (const tag of c.tags ?? []) assert.ok(r.tags.includes(tag), `tag ${tag} in ${r.tags.join(',')}`);
      for (const tag of c.notTags ?? []) assert.ok(!r.tags.includes(tag), `no tag ${tag} in ${r.tags.join(',')}`);
    });
  }
});

describe('database transactions', () => {
  it('does not read a database transaction as money', () => {
    for (const name of ['commit_transaction', 'rollback_transaction']) {
      const r = classifyWithRules({ name, description: `${name.split('_')[0] === 'commit' ? 'Commit' : 'Roll back'} the open transaction of this session.` }, { name: 'oracle-mcp' }, { ignoreAnnotations: true });
      assert.notEqual(r.risk, 'Critical', r.rationale);
      assert.ok(!r.tags.includes('financial'), r.tags.join(','));
    }
  });
});

describe('classification shape', () => {
  it('fills every field, deterministic across calls', () => {
    const tool: ToolDefinition = { name: 'delete_file', description: 'Delete a file.', inputSchema: props('path') };
    const a = classifyWithRules(tool);
    const b = classifyWithRules(tool);
    assert.deepEqual(a, b);
    assert.ok(a.confidence > 0 && a.confidence <= 1);
    assert.ok(a.rationale.length > 40);
    assert.ok(a.evidence.length > 0);
    assert.deepEqual(a.suggestedAnnotations, { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false });
  });

  it('suggests read-only annotations for a read', () => {
    const r = classifyWithRules({ name: 'web_search', description: 'Search the web.', inputSchema: props('query') });
    assert.equal(r.suggestedAnnotations.readOnlyHint, true);
    assert.equal(r.suggestedAnnotations.destructiveHint, false);
    assert.equal(r.suggestedAnnotations.openWorldHint, true);
  });

  it('lowers confidence when there is no description', () => {
    const withText = classifyWithRules({ name: 'join_community', description: 'Send a request to join a community.' });
    const bare = classifyWithRules({ name: 'join_community' });
    assert.ok(bare.confidence < withText.confidence, `${bare.confidence} < ${withText.confidence}`);
    assert.match(bare.rationale, /No description/);
  });

  it('lowers confidence when name and description disagree', () => {
    const agree = classifyWithRules({ name: 'get_report', description: 'Get a report.' });
    const conflict = classifyWithRules({ name: 'get_report', description: 'Deletes the report after returning it.' });
    assert.ok(conflict.confidence < agree.confidence);
  });

  it('is exposed as a Classifier with info', async () => {
    assert.deepEqual(rulesClassifier.info, { name: 'rules', version: '1.12.0' });
    const r = await rulesClassifier.classify({ name: 'list_files' });
    assert.equal(r.category, 'Read');
  });
});

describe('annotations', () => {
  it('reports readOnlyHint: true on a delete tool as a contradiction', () => {
    const r = classifyWithRules({ name: 'delete_file', description: 'Delete a file.', annotations: { readOnlyHint: true } });
    assert.equal(r.category, 'Delete');
    const f = r.findings.find((x) => x.kind === 'annotation_contradiction');
    assert.ok(f !== undefined);
    assert.equal(f.severity, 'high');
  });

  it('reports destructiveHint: false on a delete tool', () => {
    const r = classifyWithRules({ name: 'remove_member', description: 'Remove a member from the team.', annotations: { readOnlyHint: false, destructiveHint: false } });
    assert.ok(r.findings.some((x) => x.kind === 'annotation_contradiction' && /destructiveHint/.test(x.message)));
  });

  it('does not report contradictions when annotations are ignored', () => {
    const r = classifyWithRules({ name: 'delete_file', description: 'Delete a file.', annotations: { readOnlyHint: true } }, undefined, { ignoreAnnotations: true });
    assert.equal(r.findings.length, 0);
    assert.ok(!r.evidence.some((e) => e.source === 'annotation'));
  });

  it('lets a consistent annotation tip an unclear tool', () => {
    const plain = classifyWithRules({ name: 'acme_widget' });
    const declared = classifyWithRules({ name: 'acme_widget', annotations: { readOnlyHint: true } });
    assert.equal(declared.category, 'Read');
    assert.ok(declared.confidence > plain.confidence);
    const writes = classifyWithRules({ name: 'acme_widget', annotations: { readOnlyHint: false } });
    assert.equal(writes.category, 'Write');
  });
});
