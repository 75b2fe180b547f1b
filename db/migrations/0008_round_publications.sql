CREATE TABLE `round_publication_log` (
	`id` integer PRIMARY KEY NOT NULL,
	`round_id` integer NOT NULL,
	`action` text NOT NULL,
	`user_id` integer,
	`at` integer NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `round_publication_log_round` ON `round_publication_log` (`round_id`,`at`);--> statement-breakpoint
CREATE TABLE `round_publications` (
	`round_id` integer PRIMARY KEY NOT NULL,
	`published_at` integer NOT NULL,
	`published_by` integer,
	`withdrawn_at` integer,
	`withdrawn_by` integer,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`withdrawn_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
